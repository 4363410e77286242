"""Page tests without a browser: Streamlit's AppTest over a database prepared by the test."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tracker.config import get_settings
from tracker.services.setup import initialise, load_demo
from tracker.storage.database import Database
from tracker.storage.engine import make_engine

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def _fresh_process_state() -> None:
    get_settings.cache_clear()
    st.cache_resource.clear()
    st.cache_data.clear()


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
def app(demo_database, monkeypatch):
    """An AppTest of the whole app on a copy-free demo database; call ``app.run()``."""
    monkeypatch.setenv("TRACKER_DATA_DIR", str(demo_database))
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    _fresh_process_state()
    yield AppTest.from_file(APP, default_timeout=60)
    _fresh_process_state()


@pytest.fixture
def demo_engine(demo_database):
    engine = make_engine(f"sqlite:///{demo_database / 'tracker.db'}")
    yield engine
    engine.dispose()
