"""Revision 0010 lets an object's amounts be unknown, keeping every amount already stored, on both databases."""

from alembic import command
from sqlalchemy import select

from tests.support import akimat
from tracker.services.actor import SYSTEM
from tracker.services.imports import apply_import, plan_import
from tracker.services.setup import initialise
from tracker.storage.engine import WRITE
from tracker.storage.schema import _config, upgrade
from tracker.storage.tables import facilities

MONEY = [facilities.c[f"budget_{k}_tiyn"] for k in ("planned", "allocated", "contracted", "spent")]


def _amounts(db) -> dict:
    with db.engine.connect() as conn:
        return {name: tuple(money) for name, *money in conn.execute(select(facilities.c.name_ru, *MONEY)).all()}


def _one(db, name: str) -> None:
    content = akimat.one_row_list(district="Карасайский район", name=name)  # «план» 100 thousand, «факт» empty
    plan = plan_import(db, SYSTEM, f"{name}.xlsx", content, "objects")
    assert plan.ok, [(p.row, p.code) for p in plan.errors]
    apply_import(db, SYSTEM, plan)


def test_amounts_stored_before_are_kept_and_empty_ones_are_stored_unknown_after(db):
    initialise(db)
    _one(db, "СОШ № 1")
    with db.engine.connect().execution_options(**{WRITE: True}) as conn:
        command.downgrade(_config(conn), "0009")  # as a register of that time held it: 0 for an empty amount
        conn.commit()
    assert _amounts(db) == {"СОШ № 1": (100_000_00, 100_000_00, 0, 0)}
    upgrade(db.engine)
    _one(db, "СОШ № 2")
    assert _amounts(db) == {
        "СОШ № 1": (100_000_00, 100_000_00, 0, 0),  # kept as stored: nobody can tell a typed 0 from an empty cell
        "СОШ № 2": (100_000_00, 100_000_00, None, None),  # the empty «факт» is unknown
    }
