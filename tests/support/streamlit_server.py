"""A real `streamlit run serve.py` (the app and its cookie routes) on a free port with its own data
directory, for browser tests: a `tracker.ops.replicas.Replica` on the SQLite file of that directory."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from tests.support.browser import DEADLINE_S
from tracker.ops.replicas import Replica
from tracker.services.actor import SYSTEM
from tracker.services.users import add_user
from tracker.storage.tables import facilities

TALDYKORGAN = "331000000"


class StreamlitServer(Replica):
    """A `streamlit run serve.py` with its own data directory (and so its own database); the demo
    data is loaded on first start when that database is empty, as the app does by default."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None, args: tuple[str, ...] = (), port=None):
        environment = {"TRACKER_DEMO_ON_EMPTY": "true"} | (env or {})
        super().__init__(None, port=port, data_dir=data_dir, name="streamlit", env=environment, args=args)
        self.start(wait=DEADLINE_S)


def demo_database(tmp_path_factory, name: str):
    """A fresh data directory with an initialised SQLite database holding the demo data."""
    from tracker.services.setup import initialise, load_demo
    from tracker.storage.database import Database

    data_dir = tmp_path_factory.mktemp(name)
    db = Database.at(f"sqlite:///{data_dir / 'tracker.db'}")
    initialise(db)
    load_demo(db)
    return data_dir, db


def add_district_editor(db, password: str, kato: str = TALDYKORGAN, username: str = "asel", name: str = "Әсел") -> None:
    """A district editor of ``kato`` who signs in with ``password``."""
    add_user(
        db,
        SYSTEM,
        {"username": username, "display_name": name, "role": "district_editor", "districts": [kato]},
        password,
    )


def first_object(db, kato: str = TALDYKORGAN, stage: str | None = None) -> tuple[int, int]:
    """``(id, version)`` of the first object of ``kato`` (at ``stage``, when given) in the database."""
    query = select(facilities.c.id, facilities.c.version).where(facilities.c.district_kato == kato)
    if stage is not None:
        query = query.where(facilities.c.stage == stage)
    with db.engine.connect() as conn:
        return tuple(conn.execute(query.order_by(facilities.c.id)).first())


@contextmanager
def serving(data_dir: Path, db=None) -> Iterator[StreamlitServer]:
    """The app on ``data_dir`` for a ``with`` block; stopped after it (and ``db`` let go), even on failure."""
    server = StreamlitServer(data_dir)
    try:
        yield server
    finally:
        server.stop()
        if db is not None:
            db.dispose()
