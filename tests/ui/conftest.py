"""Page tests without a browser: Streamlit's AppTest over a database prepared by the test.

Every fixture the UI tests share lives here; opening pages is `tests.support.apptest`.
"""

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import PASSWORD, fresh_process_state, new_app
from tracker.services.actor import SYSTEM
from tracker.services.setup import initialise, load_demo
from tracker.services.users import add_user
from tracker.storage.database import Database
from tracker.storage.engine import make_engine


@pytest.fixture
def use_data_dir(monkeypatch):
    """Point the app of this test at a data directory (its SQLite file), with no state left from before."""

    def use(data_dir: Path) -> Path:
        monkeypatch.setenv("TRACKER_DATA_DIR", str(data_dir))
        monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
        fresh_process_state()
        return data_dir

    yield use
    fresh_process_state()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    """A SQLite file with the catalogue and the demo data, made once per session."""
    data_dir = tmp_path_factory.mktemp("apptest-demo")
    db = Database.at(f"sqlite:///{data_dir / 'tracker.db'}")
    initialise(db)
    load_demo(db)
    db.dispose()
    return data_dir


@pytest.fixture
def app(demo_database, use_data_dir) -> AppTest:
    """An AppTest of the whole app on the shared demo database (tests here only read); call ``app.run()``."""
    use_data_dir(demo_database)
    return new_app()


@pytest.fixture
def demo_engine(demo_database):
    engine = make_engine(f"sqlite:///{demo_database / 'tracker.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def demo_copy(demo_database, tmp_path) -> Path:
    """A data directory with a private copy of the demo database (SQLite's online backup): edits stay here."""
    target = tmp_path / "data"
    target.mkdir()
    with sqlite3.connect(demo_database / "tracker.db") as src, sqlite3.connect(target / "tracker.db") as dst:
        src.backup(dst)
    return target


@pytest.fixture
def people_app(demo_copy, use_data_dir):
    """A private copy of the demo database with three people; the app points at it. Yields its engine.

    asel: district editor of Taldykorgan (password ``PASSWORD``); boss: administrator
    (``"admin-" + PASSWORD``); ngo: a monitor of an NGO without a password (signs in by SSO).
    """
    data_dir = demo_copy
    engine = make_engine(f"sqlite:///{data_dir / 'tracker.db'}")
    db = Database(engine)
    add_user(
        db,
        SYSTEM,
        {
            "username": "asel",
            "display_name": "Әсел *Нұрланқызы*",
            "role": "district_editor",
            "districts": ["331000000"],
        },
        PASSWORD,
    )
    add_user(db, SYSTEM, {"username": "boss", "display_name": "Әкімші", "role": "admin"}, "admin-" + PASSWORD)
    add_user(
        db,
        SYSTEM,
        {
            "username": "ngo",
            "display_name": "Айгерім",
            "role": "monitor",
            "email": "aigerim@ngo.kz",
            "organisation": "«Тең қоғам»",
        },
    )
    use_data_dir(data_dir)
    yield engine
    engine.dispose()
