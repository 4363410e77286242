"""The load test, short: 20 editors on shared objects, viewers on 2 replicas, nothing lost."""

import json
import subprocess
import sys
from datetime import date

from sqlalchemy import text

from tests import factories
from tracker.config import child_environment
from tracker.ops.loadtest import Accepted, _audit
from tracker.services.actor import SYSTEM
from tracker.services.facilities import update_facility

SHORT = ["--editors", "20", "--saves", "10", "--viewers", "4", "--replicas", "2", "--objects", "10", "--seconds", "180"]


def test_loadtest_command_reports_no_lost_update(postgres_server, tmp_path, record_property, capsys):
    env = child_environment({"TRACKER_DATABASE_URL": postgres_server, "TRACKER_DATA_DIR": str(tmp_path)})
    done = subprocess.run(
        [sys.executable, "-m", "tracker.cli", "loadtest", "--json", *SHORT],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-3000:]
    figures = json.loads(done.stdout)
    for name, value in figures.items():
        record_property(name, value)
    with capsys.disabled():
        print(f"\n[loadtest] {json.dumps(figures, ensure_ascii=False)}")
    assert figures["saves"] == figures["saves_planned"] == 200
    assert figures["lost_updates"] == figures["replay_mismatches"] == figures["unreported_changes"] == 0
    assert figures["history_rows"] == figures["saves"]
    assert figures["save_errors"] == figures["page_errors"] == 0
    assert figures["page_loads"] >= 4 and figures["replicas"] == 2
    assert {"saves_per_s", "p50_save_ms", "p95_save_ms", "conflicts"} <= figures.keys()


def _seeded(db) -> int:
    with db.write() as uow:
        uow.districts.add(factories.district(), "setup")
        fid = uow.facilities.add(factories.facility(), "setup")
        uow.commit()
    return fid


def _saves(db, fid) -> list[Accepted]:
    saves = []
    for n, values in enumerate([{"contractor": "A"}, {"contractor": "B", "address": "C"}]):
        saved = update_facility(db, SYSTEM, fid, values, n + 1, today=date(2024, 1, 1))
        saves.append(Accepted(fid, saved.stored.version, values, 1.0))
    return saves


def test_the_audit_passes_an_honest_history(db):
    fid = _seeded(db)
    found = _audit(db, [fid], {fid: 1}, _saves(db, fid))
    assert found == {
        "lost_updates": 0,
        "replay_mismatches": 0,
        "unreported_changes": 0,
        "history_rows": 2,
        "history_field_rows": 3,
    }


def test_the_audit_catches_a_lost_and_a_silent_update(db):
    fid = _seeded(db)
    saves = _saves(db, fid)
    # A save the editor was told had succeeded, but which is nowhere in the database.
    claimed = saves + [Accepted(fid, 4, {"contractor": "lost"}, 1.0)]
    assert _audit(db, [fid], {fid: 1}, claimed)["lost_updates"] == 2  # not in history, not stored
    # A write that went around the repository: no version bump, no history row.
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE facilities SET contractor = 'overwritten' WHERE id = :id"), {"id": fid})
    found = _audit(db, [fid], {fid: 1}, saves)
    assert found["replay_mismatches"] == 1 and found["lost_updates"] == 1
