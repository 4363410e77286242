"""`tracker init` run by several processes at once on a fresh PostgreSQL database: one schema,
one catalogue, no errors (the migrations take a PostgreSQL advisory lock)."""

import subprocess
import sys

from sqlalchemy import func, select

from tracker.config import child_environment
from tracker.geo.catalog import load_catalog
from tracker.ops.postgres import create_database, drop_database
from tracker.storage import history as hist
from tracker.storage.engine import make_engine
from tracker.storage.schema import current_revision, head_revision
from tracker.storage.tables import data_version, districts, history

PROCESSES = 4
# Every process imports everything first, then waits at the gate, so that all of them enter
# `tracker init` within milliseconds of each other rather than one import time apart.
GATED_INIT = """
import pathlib, sys, time
from tracker.cli import main
print("ready", flush=True)
gate = pathlib.Path(sys.argv[1])
while not gate.exists():
    time.sleep(0.005)
main(["init"])
"""


def test_concurrent_init_makes_one_schema_and_one_catalogue(postgres_server, tmp_path):
    url = create_database(postgres_server, "tracker_init")
    gate = tmp_path / "go"
    env = child_environment({"TRACKER_DATABASE_URL": url, "TRACKER_DATA_DIR": str(tmp_path)})
    children = [
        subprocess.Popen(
            [sys.executable, "-c", GATED_INIT, str(gate)],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(PROCESSES)
    ]
    try:
        for child in children:
            assert child.stdout.readline().strip() == "ready"
        gate.touch()
        results = [(child.wait(300), child.stdout.read(), child.stderr.read()) for child in children]
        assert [code for code, _out, _err in results] == [0] * PROCESSES, results
        added = sorted(int(out.split("; ")[1].split()[0]) for _code, out, _err in results)
        catalogue = len(load_catalog())
        # Exactly one process added the catalogue; the others found it there.
        assert added == [0] * (PROCESSES - 1) + [catalogue]

        engine = make_engine(url)
        try:
            assert current_revision(engine) == head_revision()
            with engine.connect() as conn:
                assert conn.execute(select(func.count()).select_from(districts)).scalar_one() == catalogue
                created = (
                    select(func.count())
                    .select_from(history)
                    .where(history.c.entity == "district", history.c.field == hist.CREATED)
                )
                assert conn.execute(created).scalar_one() == catalogue
                # The shipped boundaries were loaded once too, in a second transaction.
                loaded = select(func.count()).select_from(history).where(history.c.entity == "district_boundary")
                assert conn.execute(loaded).scalar_one() == catalogue
                assert conn.execute(select(data_version.c.version)).scalar_one() == 2
        finally:
            engine.dispose()
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
        drop_database(postgres_server, url)
