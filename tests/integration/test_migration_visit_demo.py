"""Revision 0007: monitoring visits get a demo flag; the demo's own visits are marked, others kept."""

import json

import pytest
from alembic import command
from sqlalchemy import select, update

from tracker.demo.visits import DEMO_ORGANISATION
from tracker.services.setup import initialise, load_demo
from tracker.storage.database import Database
from tracker.storage.engine import WRITE
from tracker.storage.schema import _config, current_revision, head_revision
from tracker.storage.tables import visits

REAL_NGO = "«Тең қоғам» қоғамдық бірлестігі"


def _migrate(engine, target: str, down: bool = False) -> None:
    with engine.connect().execution_options(**{WRITE: True}) as conn:
        (command.downgrade if down else command.upgrade)(_config(conn), target)
        conn.commit()


@pytest.fixture
def demo_db(tmp_path):
    """A SQLite file with the schema, the catalogue and the demo, as `tracker init` + `tracker demo` leave it."""
    db = Database.at(f"sqlite:///{tmp_path / 'tracker.db'}")
    initialise(db)
    load_demo(db)
    yield db
    db.dispose()


def test_existing_visits_keep_their_data_and_only_the_demos_are_flagged(demo_db):
    db = demo_db
    with db.engine.begin() as conn:
        first = conn.execute(select(visits.c.id).order_by(visits.c.id)).scalars().first()
        conn.execute(update(visits).where(visits.c.id == first).values(organisation=REAL_NGO, comment="нақты тексеру"))
    # back to the schema before the flag, as a database made before it would be, and up again
    _migrate(db.engine, "0006", down=True)
    with db.engine.connect() as conn:
        before = conn.exec_driver_sql("SELECT id, organisation, findings, comment FROM visits ORDER BY id").all()
    _migrate(db.engine, "head")
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        after = conn.execute(
            select(visits.c.id, visits.c.organisation, visits.c.findings, visits.c.comment, visits.c.demo).order_by(
                visits.c.id
            )
        ).all()
    assert len(after) == len(before) > 10
    assert [(r.id, r.organisation, r.findings, r.comment) for r in after] == [
        (r[0], r[1], json.loads(r[2]), r[3]) for r in before
    ]
    flags = {r.id: r.demo for r in after}
    assert flags[first] is False  # a real NGO's check is not demo
    assert all(flags[r.id] for r in after if r.organisation == DEMO_ORGANISATION)


def test_a_fresh_demo_flags_its_visits(demo_db):
    with demo_db.engine.connect() as conn:
        flags = conn.execute(select(visits.c.demo)).scalars().all()
    assert flags and all(flags)
