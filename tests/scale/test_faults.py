"""Faults: `kill -9` of a saving process, of an import and of a replica, and a PostgreSQL restart.

Afterwards nothing is half-written (every object equals the replay of its history), no import
is partly there, the person saving saw an error rather than a false success, and the replicas
serve pages again.
"""

import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.scale.faults import Child
from tracker.ops.integrity import audit_objects, history_created_for
from tracker.ops.replicas import ReplicaError
from tracker.services.actor import SYSTEM
from tracker.services.facilities import update_facility
from tracker.storage.database import Database
from tracker.storage.engine import make_engine
from tracker.storage.tables import facilities

# pytest-xdist --dist loadgroup: one worker owns the cluster the fault tests restart, and its two replicas.
pytestmark = pytest.mark.xdist_group("own_cluster")

IMPORT_COMMENT = "synthetic national demo data"  # what load_national_demo writes in the history


@pytest.fixture(scope="module")
def fault_db(scale_demo):
    return scale_demo


@pytest.fixture(scope="module")
def fault_replicas(two_replicas):
    return two_replicas


@pytest.fixture
def db(fault_db):
    db = Database.at(fault_db)
    yield db
    db.dispose()


def _say(capsys, line: str) -> None:
    with capsys.disabled():
        print(f"\n[faults] {line}")


def _current(db, fid: int):
    with db.read() as store:
        return store.facilities.require(fid), store.data_version()


def _wait_until(condition, what: str, timeout: float = 180) -> None:
    """Poll ``condition`` until it holds; the deadline is generous so that a busy machine is slow, not red."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.05)


def _no_open_transactions(db) -> bool:
    with db.engine.connect() as conn:
        return not conn.execute(
            text(
                "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
            )
        ).first()


def test_kill_9_mid_save_leaves_the_object_as_it_was(db, fault_db, capsys):
    fid = 11
    before, version_before = _current(db, fid)
    child = Child("save", fault_db, str(fid), "--hold")
    child.expect("holding")  # the UPDATE and its history rows are sent; COMMIT is not
    child.kill9()
    _wait_until(lambda: _no_open_transactions(db), "the killed save's transaction to end")
    audit = audit_objects(db.engine, [fid])[fid]
    after, version_after = _current(db, fid)
    assert audit.sound
    assert (after.version, after.model) == (before.version, before.model)
    assert version_after == version_before
    assert not child.reported("accepted")  # nobody was told it was saved
    # Nothing is left locked: the next save goes through.
    update_facility(db, SYSTEM, fid, {"contractor": "after the crash"}, before.version)
    _say(capsys, f"kill -9 before COMMIT: object {fid} stayed at version {before.version}, replay == current")


def test_kill_9_at_a_random_moment_of_a_save_loop(db, fault_db, capsys):
    fid = 12
    start = _current(db, fid)[0].version
    child = Child("save", fault_db, str(fid))
    for _ in range(5):
        child.expect("accepted")
    child.kill9()
    child.drain()
    _wait_until(lambda: _no_open_transactions(db), "the killed save's transaction to end")
    reported = child.reported("accepted")
    audit = audit_objects(db.engine, [fid])[fid]
    assert audit.sound
    # Every save the process reported is there; at most one more committed unreported
    # (killed between COMMIT and its report): the person saw no success for it, nor was it lost.
    assert audit.version - start in (len(reported), len(reported) + 1)
    for save in reported:
        assert audit.changes[save["version"]]["contractor"] == save["values"]["contractor"]
    _say(
        capsys,
        f"kill -9 in a save loop: {len(reported)} saves reported, {audit.version - start} committed, replay == current",
    )


def test_kill_9_before_an_import_commits_leaves_nothing(db, fault_db, capsys):
    version_before = _current(db, 1)[1]
    child = Child("import", fault_db, "3000", "--hold")
    child.expect("holding")  # 3,000 objects and their history rows inserted, not committed
    child.kill9()
    _wait_until(lambda: _no_open_transactions(db), "the killed import's transaction to end")
    with db.read() as store:
        assert store.facilities.count(facilities.c.external_id.like("NAT-%")) == 0
        assert store.data_version() == version_before
    assert history_created_for(db.engine, IMPORT_COMMENT) == 0
    _say(capsys, "kill -9 of a 3,000-object import before COMMIT: 0 objects, 0 history rows")


def test_kill_9_while_an_import_is_inserting_leaves_nothing(db, fault_db, capsys):
    url = make_url(fault_db).update_query_dict({"application_name": "tracker-fault-import"})
    child = Child("import", url.render_as_string(hide_password=False), "5000")

    def inserting() -> bool:
        if child.proc.poll() is not None:
            raise AssertionError(f"the import ended before it could be killed: {child.drain()}")
        with db.engine.connect() as conn:
            return (
                conn.execute(
                    text(
                        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'tracker-fault-import' "
                        "AND xact_start IS NOT NULL AND query ILIKE 'INSERT%'"
                    )
                ).first()
                is not None
            )

    _wait_until(inserting, "the import to start inserting")
    child.kill9()
    _wait_until(lambda: _no_open_transactions(db), "the killed import's transaction to end")
    with db.read() as store:
        assert store.facilities.count(facilities.c.external_id.like("NAT-%")) == 0
    assert history_created_for(db.engine, IMPORT_COMMENT) == 0
    _say(capsys, "kill -9 of a 5,000-object import while inserting: 0 objects, 0 history rows")


def test_kill_9_of_a_replica_serving_a_page(db, fault_db, fault_replicas, capsys):
    doomed, survivor = fault_replicas
    stale = _current(db, 13)[0]
    update_facility(db, SYSTEM, 13, {"contractor": "new data version"}, stale.version)
    outcome = {}
    # Hold the table so that the page the visitor asks for is caught half-way, reading it.
    blocker = make_engine(fault_db)
    conn = blocker.connect()
    tx = conn.begin()
    try:
        conn.execute(text("LOCK TABLE facilities IN ACCESS EXCLUSIVE MODE"))
        visitor = threading.Thread(target=lambda: outcome.update(result=_try(doomed.view, "map")))
        visitor.start()
        _wait_until(lambda: _waiting_on_lock(db), "the replica to wait for the table")
        doomed.kill()
        visitor.join(60)
    finally:
        tx.rollback()
        conn.close()
        blocker.dispose()
    assert isinstance(outcome["result"], (OSError, ReplicaError)), outcome  # an error, not a page
    assert survivor.view().ready
    doomed.start()
    view = doomed.view("map")
    assert view.ready and view.map_content() and not view.exceptions()
    _say(
        capsys,
        f"kill -9 of a replica mid-page: the visitor got {type(outcome['result']).__name__}; "
        "the other replica served; the restarted one serves",
    )


def _try(call, *args):
    try:
        return call(*args)
    except Exception as exc:
        return exc


def _waiting_on_lock(db) -> bool:
    with db.engine.connect() as conn:
        return (
            conn.execute(
                text("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
            ).first()
            is not None
        )


def test_postgres_restart_during_a_save(db, fault_db, fault_replicas, own_cluster, capsys):
    fid = 14
    before = _current(db, fid)[0]
    # One visitor has the map open on one replica, another the overview on the other.
    pages = ["map", None]
    sessions = [replica.view(page).session_id for replica, page in zip(fault_replicas, pages)]
    child = Child("save", fault_db, str(fid), "--hold", "--retry", "--count", "1")
    child.expect("holding")
    own_cluster.restart()  # pg_ctl restart -m fast: the held transaction's connection is cut
    child.resume()
    error = child.expect("error")  # the person saving is told it failed...
    retried = child.expect("accepted")  # ...and saving again works on the restarted server
    assert child.drain() == 0
    audit = audit_objects(db.engine, [fid])[fid]
    assert audit.sound and audit.version == before.version + 1 == retried["version"]
    assert audit.changes[retried["version"]] == retried["values"]
    for replica, session, page in zip(fault_replicas, sessions, pages):
        replica.wait_healthy(60)
        again = replica.view(page, session)  # the visitors' open pages rerun
        assert again.ready and not again.exceptions(), again.exceptions()
    fresh = fault_replicas[1].view("map")  # and a new visitor gets the map
    assert fresh.ready and fresh.map_content() and not fresh.exceptions()
    _say(
        capsys,
        f"PostgreSQL restarted during a save: the saver got {error['type']}, its retry "
        f"was saved as version {retried['version']}; both replicas serve the map again",
    )
