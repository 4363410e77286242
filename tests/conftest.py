"""Fixtures shared by every test: databases on both backends, the district catalogue."""

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.support.memory import memory_copy
from tests.support.postgres import PostgresUnavailable, ThrowawayCluster
from tracker.storage.database import Database
from tracker.storage.engine import make_engine
from tracker.storage.schema import upgrade

IN_CI = os.environ.get("CI", "").lower() == "true"
REPO = Path(__file__).resolve().parents[1]
SHARED_GEODATA = Path(os.environ.get("TRACKER_SHARED_GEODATA", REPO.parent / "shared" / "geodata"))


def missing(reason: str):
    """Skip on a developer's machine; in CI a missing part fails the run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: required parts may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server():
    """URL of the maintenance database of a PostgreSQL server for this session."""
    url = os.environ.get("TRACKER_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    try:
        cluster = ThrowawayCluster()
        url = cluster.start()
    except (PostgresUnavailable, OSError) as exc:
        missing(f"PostgreSQL is not available: {exc}")
    try:
        yield url
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_server):
    """A migrated template database; each test clones it, which takes milliseconds."""
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    name = f"tracker_tpl_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(postgres_server).set(database=name).render_as_string(hide_password=False))
    upgrade(engine)
    engine.dispose()
    yield admin, name


def _fresh_postgres(postgres_template) -> str:
    admin, template = postgres_template
    name = f"tracker_t_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    return make_url(admin.url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgis_available(postgres_server) -> bool:
    """Whether the PostgreSQL server of this session can create the PostGIS extension."""
    admin = create_engine(postgres_server)
    try:
        with admin.connect() as conn:
            found = conn.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).first()
    finally:
        admin.dispose()
    return found is not None


@pytest.fixture(autouse=True)
def _postgis_marker(request):
    """A ``postgis`` test on PostgreSQL needs the extension: without it, skip with the reason (CI: fail).

    The SQLite run of the same test (it checks there is no point column) always runs.
    """
    if request.node.get_closest_marker("postgis") is None:
        return
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or callspec.params.get("database_url") != "postgresql":
        return
    if not request.getfixturevalue("postgis_available"):
        missing("PostGIS is not installed on this PostgreSQL server (Debian: postgresql-15-postgis-3)")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A fresh, migrated, empty database on each backend in turn."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'tracker.db'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return url
    return _fresh_postgres(request.getfixturevalue("postgres_template"))


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine) -> Database:
    """The database services take, on each backend in turn (the contract suite, the roles matrix)."""
    return Database(engine)


@pytest.fixture(scope="session")
def memory_template(tmp_path_factory) -> Path:
    """A migrated SQLite file with the district catalogue, made once per session."""
    from tracker.services.setup import initialise

    path = tmp_path_factory.mktemp("memory-template") / "tracker.db"
    db = Database.at(f"sqlite:///{path}")
    initialise(db)
    db.dispose()
    return path


@pytest.fixture
def memory_db(memory_template) -> Database:
    """A fresh in-memory copy of the template, for service tests where storage is not the point."""
    db = memory_copy(memory_template)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def shared_geodata() -> Path:
    if not (SHARED_GEODATA / "kaz_admbnda_adm2_2024.shp").exists():
        missing(f"the shared boundaries are not at {SHARED_GEODATA}")
    return SHARED_GEODATA
