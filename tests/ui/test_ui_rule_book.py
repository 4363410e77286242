"""One table of bad changes, four ways in: the service, the import service, `tracker import` and the form.

Each path must refuse with the same code (and so the same message) and write nothing: the
object's version and history stay as they were. The district editor "asel" (Taldykorgan) makes
every change; the form cannot offer a move she may not make, so there the refusal is its absence.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from click.testing import CliRunner
from pydantic import ValidationError
from sqlalchemy import select

from tests.support.apptest import PASSWORD, new_app, open_page, sign_in
from tests.support.import_files import changed_row
from tracker.cli import main
from tracker.domain import Stage, TrackerError, calendar
from tracker.i18n.errors import messages, pydantic_problem
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.facilities import update_facility
from tracker.services.imports import apply_import, plan_import
from tracker.storage.database import Database
from tracker.storage.tables import facilities
from tracker.storage.unit_of_work import reading
from tracker.ui.markdown import md_escape

TALDYKORGAN = "331000000"
ASEL = Actor("asel", Role.DISTRICT_EDITOR, districts=frozenset({TALDYKORGAN}))
FUTURE = calendar.today() + timedelta(days=40)
BISHKEK = {"lat": 42.8746, "lon": 74.5698}
TASHKENT = {"lat": 41.2995, "lon": 69.2401}


@dataclass(frozen=True)
class Bad:
    name: str
    start: Stage
    change: dict
    code: str
    form: bool = True  # the form has fields for this change
    offered: bool = True  # the form offers the stage asked for
    csv: dict = field(default_factory=dict)  # the change as the file's cells, when it differs


BAD = [
    Bad(
        "back without a reason",
        Stage.COMPLETED,
        {"stage": Stage.PLANNED, "actual_completion": None},
        "stage.needs_reason",
    ),
    Bad(
        "accepted skipping completed",
        Stage.PLANNED,
        {"stage": Stage.ACCEPTED},
        "stage.accept_after_completed",
        offered=False,
    ),
    Bad("an editor accepts", Stage.COMPLETED, {"stage": Stage.ACCEPTED}, "permission.denied", offered=False),
    Bad("reopened without a reason", Stage.CANCELLED, {"stage": Stage.PLANNED}, "stage.needs_reason"),
    Bad("completed in the future", Stage.COMPLETED, {"actual_completion": FUTURE}, "date.in_future"),
    Bad("a date in 1900", Stage.COMPLETED, {"actual_completion": date(1900, 5, 1)}, "date.too_early"),
    Bad("planned beyond the horizon", Stage.IN_WORKS, {"planned_completion": date(2031, 6, 30)}, "date.beyond_horizon"),
    Bad(
        "spent more than allocated",
        Stage.IN_WORKS,
        {"budget": {"spent": Decimal("99000000.00")}},
        "budget.overrun",
        csv={"budget_spent": "99000000.00"},
    ),
    Bad("a point in Bishkek", Stage.IN_WORKS, BISHKEK, "coordinates.outside", form=False),
    Bad("a point in Tashkent", Stage.IN_WORKS, TASHKENT, "coordinates.outside", form=False),
]


def _codes(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return [pydantic_problem(item)[0] for item in error.errors(include_url=False)]
    return [error.code]


def _object(engine, stage: Stage, used: set[int]) -> int:
    """An object of Taldykorgan at ``stage`` (moved there by the system when the demo has none)."""
    with engine.connect() as conn:
        ids = conn.execute(
            select(facilities.c.id).where(facilities.c.district_kato == TALDYKORGAN, facilities.c.stage == stage)
        ).scalars()
        free = [i for i in ids if i not in used]
    if free:
        used.add(free[0])
        return free[0]
    fid = _object(engine, Stage.IN_WORKS, used)
    db = Database(engine)
    with db.read() as store:
        version = store.facilities.require(fid).version
    update_facility(db, SYSTEM, fid, {"stage": stage}, version, comment="prepared by the test")
    return fid


def _state(engine, fid: int) -> tuple[int, int]:
    with reading(engine) as store:
        return store.facilities.require(fid).version, len(store.facilities.history(fid))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value.value if isinstance(value, Stage) else value)


def _file(db: Database, fid: int, bad: Bad) -> bytes:
    """The object's row as the export writes it, with the bad change typed into its cells."""
    with db.read() as store:
        external_id = store.facilities.require(fid).model.external_id
    return changed_row(db, external_id, bad.csv or {k: _cell(v) for k, v in bad.change.items()})


def _service(db: Database, fid: int, bad: Bad) -> Exception:
    with db.read() as store:
        stored = store.facilities.require(fid)
    changes = dict(bad.change)
    if "budget" in changes:
        changes["budget"] = stored.model.budget.model_dump() | changes["budget"]
    with pytest.raises((TrackerError, ValidationError)) as refused:
        update_facility(db, ASEL, fid, changes, stored.version)
    return refused.value


def _form(engine, fid: int, bad: Bad):
    at = new_app()
    at = sign_in(at.run(), "asel", PASSWORD)
    at.query_params["id"] = str(fid)
    at = open_page(at, "edit")
    version = _state(engine, fid)[0]
    key = f"edit_{fid}_{version}"
    stage = at.selectbox(key=f"{key}_stage")
    if "stage" in bad.change and not bad.offered:
        assert bad.change["stage"] not in stage.options and stage.label
        return at, None
    for name, value in bad.change.items():
        if name == "stage":
            stage.set_value(value)
        elif name in ("actual_completion", "planned_completion"):
            at.date_input(key=f"{key}_{'actual' if name == 'actual_completion' else 'planned'}").set_value(value)
        elif name == "budget":
            at.number_input(key=f"{key}_budget_spent").set_value(float(value["spent"]))
    at = next(b for b in at.button if b.label == "Сақтау").click().run()
    return at, [e.value for e in at.error]


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
def test_every_path_refuses_a_bad_change_the_same_way_and_writes_nothing(people_app, tmp_path, bad):
    engine = people_app
    db = Database(engine)
    fid = _object(engine, bad.start, set())
    before = _state(engine, fid)

    # 1. the service
    error = _service(db, fid, bad)
    assert _codes(error) == [bad.code]
    assert _state(engine, fid) == before
    english, kazakh = messages(error, "en"), messages(error, "kk")

    # 2. the import service
    data = _file(db, fid, bad)
    plan = plan_import(db, ASEL, "akimat.csv", data, "objects")
    assert [p.code for p in plan.errors] == [bad.code], [(p.column, p.value, p.code) for p in plan.errors]
    assert [p.message("en") for p in plan.errors] == english
    with pytest.raises(TrackerError):
        apply_import(db, ASEL, plan)
    assert _state(engine, fid) == before

    # 3. `tracker import` as the same person
    path = tmp_path / "akimat.csv"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["import", "objects", str(path), "--as", "asel"], catch_exceptions=False)
    assert result.exit_code == 1 and english[0] in result.output, result.output
    assert _state(engine, fid) == before

    # 4. the form, in Kazakh
    if not bad.form:
        return
    at, shown = _form(engine, fid, bad)
    assert not at.exception
    if shown is not None:
        # Said twice: summarised at the top of the page and again beside Save.
        assert len(shown) == 2 and all(md_escape(kazakh[0]) in text for text in shown), shown
    assert _state(engine, fid) == before


def test_a_duplicate_external_id_is_a_refusal_naming_the_object_that_holds_it(people_app):
    from tests import factories
    from tracker.services.facilities import create_facility

    db = Database(people_app)
    with db.read() as store:
        holder = store.facilities.all()[0].model
    with pytest.raises(TrackerError) as refused:
        create_facility(db, SYSTEM, factories.facility(external_id=holder.external_id))
    assert refused.value.code == "facility.duplicate_external_id"
    assert refused.value.params == {"external_id": holder.external_id, "existing": holder.id}
    assert f"№ {holder.id}" in messages(refused.value, "ru")[0]


def test_the_cli_import_refuses_a_person_it_does_not_know(people_app, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("external_id\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "objects", str(path), "--as", "nobody"], catch_exceptions=False)
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "nobody" in result.output
