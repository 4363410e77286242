"""The editing form in AppTest: a save, a validation message, a conflict, a refused district."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.support.apptest import PASSWORD, new_app, open_page, sign_in
from tracker.domain import calendar
from tracker.domain.enums import Stage
from tracker.services.actor import Actor, Role
from tracker.services.facilities import update_facility
from tracker.storage.database import Database
from tracker.storage.tables import facilities
from tracker.storage.unit_of_work import reading
from tracker.ui.markdown import md_escape

MANAGER = Actor("manager.zh", Role.MANAGER, oblasts=frozenset({"Zhetysu Region"}))


def _object_in(engine, kato: str) -> tuple[int, int]:
    with engine.connect() as conn:
        row = conn.execute(
            select(facilities.c.id, facilities.c.version)
            .where(facilities.c.district_kato == kato, facilities.c.stage == "in_works")
            .order_by(facilities.c.id)
        ).first()
    return row.id, row.version


def _edit(engine, fid: int, lang: str = "kk"):
    at = new_app()
    at.query_params["lang"] = lang
    at = sign_in(at.run(), "asel", PASSWORD)
    at.query_params["id"] = str(fid)
    return open_page(at, "edit")


def _save_button(at):
    return next(b for b in at.button if b.label in ("Сақтау", "Сохранить"))


def test_an_editor_saves_a_change_with_history(people_app):
    fid, version = _object_in(people_app, "331000000")
    at = _edit(people_app, fid)
    assert not at.exception
    at.text_input(key=f"edit_{fid}_{version}_contractor").input("ЖШС «Құрылыс-2025»")
    at.text_area(key=f"edit_{fid}_{version}_comment").input("мердігер ауысты")
    _save_button(at).click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Сақталды: енді нұсқа {version + 1}."]
    with reading(people_app) as store:
        stored = store.facilities.require(fid)
        last = store.facilities.history(fid)[-1]
    assert stored.model.contractor == "ЖШС «Құрылыс-2025»" and stored.updated_by == "asel"
    assert (last.field, last.new, last.actor, last.comment) == (
        "contractor",
        "ЖШС «Құрылыс-2025»",
        "asel",
        "мердігер ауысты",
    )


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("kk", "бөлінген сомадан"),
        ("ru", "больше, чем выделено"),
    ],
)
def test_validation_errors_are_in_the_users_language(people_app, lang, expected):
    fid, version = _object_in(people_app, "331000000")
    at = _edit(people_app, fid, lang)
    at.number_input(key=f"edit_{fid}_{version}_budget_allocated").set_value(1000.0)
    at.number_input(key=f"edit_{fid}_{version}_budget_spent").set_value(5000.0)
    at.checkbox(key=f"edit_{fid}_{version}_overrun").uncheck()
    _save_button(at).click().run()
    assert not at.exception
    assert any(md_escape(expected) in e.value for e in at.error)
    with reading(people_app) as store:
        assert store.facilities.require(fid).version == version


def test_a_stale_form_is_refused_with_both_values_and_the_first_save_kept(people_app):
    fid, version = _object_in(people_app, "331000000")
    at = _edit(people_app, fid)  # the form is rendered from `version`
    update_facility(Database(people_app), MANAGER, fid, {"contractor": "ТОО «Бірінші»"}, version, comment="first")
    at.text_input(key=f"edit_{fid}_{version}_contractor").input("ТОО «Екінші»")
    _save_button(at).click().run()
    assert not at.exception
    assert any("Сіз ашқаннан кейін бұл нысанды басқа біреу өзгертті" in e.value for e in at.error)
    table = at.dataframe[0].value
    row = table[table.iloc[:, 0] == "Мердігер"].iloc[0]
    assert list(row.iloc[2:]) == ["ТОО «Екінші»", "ТОО «Бірінші»"]  # yours, saved now
    with reading(people_app) as store:
        assert store.facilities.require(fid).model.contractor == "ТОО «Бірінші»"
        entries = [e for e in store.facilities.history(fid) if e.version > version]
    assert [(e.version, e.field, e.actor) for e in entries] == [(version + 1, "contractor", "manager.zh")]
    # Loading the current version lets the person try again on top of it.
    at.button(key="edit_reload").click().run()
    at.text_input(key=f"edit_{fid}_{version + 1}_contractor").input("ТОО «Екінші»")
    _save_button(at).click().run()
    with reading(people_app) as store:
        assert store.facilities.require(fid).model.contractor == "ТОО «Екінші»"


def test_another_districts_object_is_refused(people_app):
    fid, _ = _object_in(people_app, "331800000")  # Tekeli: not Asel's district
    at = _edit(people_app, fid)
    assert not at.exception
    assert any("Текелі" in e.value and "өзгерте алмайсыз" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Сақтау"]


def test_picking_completed_fills_the_actual_completion_date_with_today_in_kazakhstan(people_app):
    fid, version = _object_in(people_app, "331000000")
    at = _edit(people_app, fid)
    key = f"edit_{fid}_{version}"
    assert at.date_input(key=f"{key}_actual").value is None
    at.selectbox(key=f"{key}_stage").set_value(Stage.COMPLETED).run()
    assert not at.exception
    today = calendar.today()
    assert at.date_input(key=f"{key}_actual").value == today  # at once, before any save
    at.date_input(key=f"{key}_actual").set_value(today + timedelta(days=1))  # a slip of the finger
    _save_button(at).click().run()
    assert at.error  # a day after today is refused by the rule book
    with reading(people_app) as store:
        assert store.facilities.require(fid).version == version
    at.date_input(key=f"{key}_actual").set_value(today - timedelta(days=2))  # the person knows better
    _save_button(at).click().run()
    assert not at.exception and at.success
    with reading(people_app) as store:
        stored = store.facilities.require(fid).model
    assert (stored.stage, stored.actual_completion) == (Stage.COMPLETED, today - timedelta(days=2))
