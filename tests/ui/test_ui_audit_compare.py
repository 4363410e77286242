"""The object page lists its site audits and compares the latest with the one before."""

from datetime import date

from sqlalchemy import select

from tests.support.apptest import new_app, open_page
from tracker.services.actor import Actor, Role
from tracker.services.audits import record_audit
from tracker.storage.database import Database
from tracker.storage.tables import facilities

NGO = Actor("ngo", Role.MONITOR, organisation="«Тең қоғам»")


def test_two_audits_side_by_side_with_the_fixed_door_and_the_new_toilet_reason(people_app):
    with people_app.connect() as conn:
        fid = conn.execute(select(facilities.c.id).where(facilities.c.deleted_at.is_(None))).first()[0]
    db = Database(people_app)
    record_audit(db, NGO, fid, date(2024, 10, 15), "«Тең қоғам»", {"entrance": {"door_width": 0.7}})
    record_audit(
        db,
        NGO,
        fid,
        date(2025, 4, 20),
        "«Тең қоғам»",
        {"entrance": {"door_width": 0.95}, "sanitary": {"cubicle_width": 1.2}},
    )
    at = new_app()
    at.query_params["lang"] = "ru"
    at = open_page(at.run(), "object", id=str(fid))
    assert not at.exception, at.exception
    assert "Проверки на месте во времени" in [h.value for h in at.subheader]
    [compare] = [d.value for d in at.dataframe if "Изменение" in d.value.columns]
    door = compare[(compare["Зона"] == "Вход") & (compare["Категория"] == "К")].iloc[0]
    assert (door["Тогда (15.10.2024)"], door["Сейчас (20.04.2025)"], door["Изменение"]) == ("ВНД", "ДП", "лучше")
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")  # markdown escapes
    fixed, appeared = text.split("Причины, которые появились")
    assert "0,7" in fixed.split("Причины, которые исчезли (устранены)")[1]
    assert "1,2" in appeared.split("Меры, отмеченные между проверками")[0]
