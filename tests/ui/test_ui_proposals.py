"""A district editor's audit waits on the passport proposals page; the administrator confirms or rejects it."""

from datetime import date

from sqlalchemy import select

from tests.support.apptest import PASSWORD, new_app, open_page, sign_in
from tracker.services.actor import Actor, Role
from tracker.services.audits import record_audit
from tracker.storage.database import Database
from tracker.storage.tables import facilities
from tracker.storage.unit_of_work import reading

ASEL = Actor("asel", Role.DISTRICT_EDITOR, districts=frozenset({"331000000"}))
# A 0.7 m entrance door: the wheelchair user cannot get in.
ANSWERS = {"entrance": {"door_width": 0.7, "call_button": "yes"}}


def _proposal(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        fid = conn.execute(
            select(facilities.c.id).where(facilities.c.district_kato == "331000000", facilities.c.deleted_at.is_(None))
        ).first()[0]
    visit_id, _ = record_audit(Database(engine), ASEL, fid, date(2025, 6, 2), "Талдықорған қ. әкімдігі", ANSWERS)
    return fid, visit_id


def _as_admin(lang: str):
    at = new_app()
    at.query_params["lang"] = lang
    at = sign_in(at.run(), "boss", "admin-" + PASSWORD)
    return open_page(at, "proposals")


def test_the_manager_sees_the_change_with_its_reason_and_confirms_it(people_app):
    fid, visit_id = _proposal(people_app)
    at = _as_admin("ru")
    assert not at.exception, at.exception
    assert at.title[0].value == "Предложения по паспорту"
    changes = at.dataframe[0].value
    entrance = changes[(changes["Зона"] == "Вход") & (changes["Категория"] == "К")].iloc[0]
    assert entrance["Предлагается"] == "ВНД"
    assert "0,7" in entrance["Причины по проверке"] and "4.3.2.14" in entrance["Причины по проверке"]
    at.button(key=f"proposal_confirm_{visit_id}").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [f"Проверка №{visit_id} подтверждена: теперь это паспорт объекта №{fid}."]
    assert [i.value for i in at.info] == ["В вашей зоне нет предложений, ожидающих решения."]
    with reading(people_app) as store:
        facility = store.facilities.require(fid).model
        log = store.facilities.history(fid)
    assert facility.passport_zones["entrance"].states["wheelchair"].current.value == "VND"
    assert log[-1].comment == f"audit #{visit_id}" and log[-1].actor == "boss"


def test_a_rejection_without_a_reason_is_refused_in_kazakh(people_app):
    _fid, visit_id = _proposal(people_app)
    at = _as_admin("kk")
    assert not at.exception, at.exception
    at.button(key=f"FormSubmitter:proposal_reject_{visit_id}-Қабылдамау").click().run()
    [refusal] = at.error
    assert "Ұсынысты қабылдамау себебін көрсетіңіз" in refusal.value
    at.text_input(key=f"proposal_reason_{visit_id}").input("Есік қайта өлшенді: 0,9 м")
    at.button(key=f"FormSubmitter:proposal_reject_{visit_id}-Қабылдамау").click().run()
    assert [s.value for s in at.success] == [f"№{visit_id} тексеру қабылданбады; паспорт бұрынғыдай қалды."]


def test_the_discrepancy_list_is_ranked_and_gives_the_audits_reasons_in_russian(people_app):
    fid = next(
        r.id
        for r in engine_objects(people_app)
        if r.stage in ("completed", "accepted") and (r.passport or {}).get("wheelchair", {}).get("target") == "DP"
    )
    monitor = Actor("ngo", Role.MONITOR, organisation="«Тең қоғам»")
    record_audit(Database(people_app), monitor, fid, date(2025, 6, 3), "«Тең қоғам»", ANSWERS)
    at = new_app()
    at.query_params["lang"] = "ru"
    at = open_page(at.run(), "claimed-vs-verified")
    assert not at.exception, at.exception
    [table] = [d.value for d in at.dataframe if "№" in d.value.columns]
    assert list(table["№"]) == list(range(1, len(table) + 1))
    worse = list(table["Категорий хуже"])
    assert worse == sorted(worse, reverse=True)
    row = table[table["ID"] == fid].iloc[0]
    assert "0,7" in row["Причины по проверке"] and "4.3.2.14" in row["Причины по проверке"]
    assert row["Страница"].endswith(f"object?id={fid}&lang=ru")


def engine_objects(engine):
    """The live objects of the app's database: id, stage, passport."""
    with engine.connect() as conn:
        query = select(facilities.c.id, facilities.c.stage, facilities.c.passport)
        return conn.execute(query.where(facilities.c.deleted_at.is_(None))).all()
