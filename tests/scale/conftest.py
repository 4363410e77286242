"""Scale and fault tests: real PostgreSQL, real `streamlit run` replicas, real `kill -9`.

Replicas answer pages through Streamlit's agent API (`tracker.ops.replicas`), so no browser is
needed to see what a visitor would see. The replica and fault tests share a cluster of their
own (the fault tests restart it) and two replicas on its demo database.
"""

import pytest

from tests.conftest import missing
from tracker.ops.postgres import PostgresUnavailable, ThrowawayCluster, create_database, drop_database
from tracker.ops.replicas import kill_all, start_replicas
from tracker.services.setup import initialise, load_demo
from tracker.storage.database import Database


def demo_database(server_url: str, prefix: str) -> str:
    """A new database with the schema, the district catalogue and the demo objects."""
    url = create_database(server_url, prefix)
    db = Database.at(url)
    initialise(db)
    load_demo(db)
    db.dispose()
    return url


@pytest.fixture(scope="session")
def own_cluster():
    """A PostgreSQL cluster only these tests use, so that the fault tests may restart it."""
    try:
        cluster = ThrowawayCluster()
        cluster.start()
    except (PostgresUnavailable, OSError) as exc:
        missing(f"cannot start a PostgreSQL cluster of our own: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def scale_demo(own_cluster):
    """The demo data on that cluster."""
    url = demo_database(own_cluster.url, "tracker_scale")
    yield url
    drop_database(own_cluster.url, url)


@pytest.fixture(scope="session")
def two_replicas(scale_demo):
    """Two `streamlit run` replicas on the demo database, shared by the replica and fault tests
    (a fault test that kills one starts it again)."""
    replicas = start_replicas(scale_demo, 2, agent_api=True)
    yield replicas
    kill_all(replicas)
