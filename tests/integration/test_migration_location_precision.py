"""Revision 0005 adds ``location_precision`` to a register that already holds objects, on both databases."""

from alembic import command
from sqlalchemy import select, text

from tests.support import akimat
from tracker.services.actor import SYSTEM
from tracker.services.imports import apply_import, plan_import
from tracker.services.setup import initialise
from tracker.storage.engine import WRITE
from tracker.storage.schema import _config, upgrade
from tracker.storage.tables import facilities


def test_objects_stored_before_the_column_existed_are_kept_and_read_as_exact(db):
    initialise(db)
    plan = plan_import(db, SYSTEM, "one.xlsx", akimat.one_row_list(district="Карасайский район"), "objects")
    apply_import(db, SYSTEM, plan)
    with db.engine.connect().execution_options(**{WRITE: True}) as conn:
        command.downgrade(_config(conn), "0004")
        conn.commit()
        columns = set(conn.execute(text("SELECT * FROM facilities")).keys())
    assert "location_precision" not in columns
    upgrade(db.engine)
    with db.engine.connect() as conn:
        rows = conn.execute(select(facilities.c.name_ru, facilities.c.location_precision)).all()
    assert rows == [("СОШ № 1", "exact")]
