"""An amount nobody gave opens empty on the edit form and stays unknown through a save, shows
«не указано» on the object page, and is counted on the overview as an object without an amount."""

from sqlalchemy import select

from tests.support.apptest import PASSWORD, new_app, open_page, sign_in
from tracker.services.actor import SYSTEM
from tracker.services.facilities import update_facility
from tracker.storage.database import Database
from tracker.storage.tables import facilities
from tracker.storage.unit_of_work import reading


def _object_in_works(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        row = conn.execute(
            select(facilities.c.id, facilities.c.version)
            .where(facilities.c.district_kato == "331000000", facilities.c.stage == "in_works")
            .order_by(facilities.c.id)
        ).first()
    return row.id, row.version


def test_an_unknown_amount_stays_unknown_through_the_form_and_is_said_on_the_pages(people_app):
    fid, version = _object_in_works(people_app)
    with reading(people_app) as store:
        budget = store.facilities.require(fid).model.budget.model_dump()
    # a service call that leaves «spent» empty: nobody has reported it
    update_facility(Database(people_app), SYSTEM, fid, {"budget": budget | {"spent": None}}, version)
    version += 1

    at = new_app()
    at.query_params["lang"] = "ru"
    at = sign_in(at.run(), "asel", PASSWORD)
    at.query_params["id"] = str(fid)
    at = open_page(at, "edit")
    spent = at.number_input(key=f"edit_{fid}_{version}_budget_spent")
    assert spent.value is None and spent.placeholder == "не указано"  # opens empty, not at 0,00
    at.text_input(key=f"edit_{fid}_{version}_contractor").input("ТОО «Строй-2025»")
    next(b for b in at.button if b.label == "Сохранить").click().run()
    assert not at.exception and at.success
    with reading(people_app) as store:
        saved = store.facilities.require(fid).model
    assert saved.contractor == "ТОО «Строй-2025»" and saved.budget.spent is None  # not turned into 0
    assert saved.budget.allocated == budget["allocated"]

    at = open_page(at, "object", id=str(fid))
    assert not at.exception
    assert any("**Освоено:** не указано" in m.value for m in at.markdown)

    at = open_page(at, "overview")
    assert not at.exception
    assert [c.value for c in at.caption if c.value.startswith("Объектов без суммы")] == [
        "Объектов без суммы: 1 — они не входят ни в суммы, ни в долю исполнения (не считаются нулём)."
    ]
