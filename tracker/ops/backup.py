"""Backups that stay consistent while the app runs, and restores that keep history append-only.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot page
by page while other connections keep working; copying the file could catch a half-written
page or miss what still sits in the WAL. PostgreSQL: ``pg_dump`` in its custom format (one
consistent snapshot), restored by ``pg_restore`` in a single transaction. Both carry the
triggers that keep the history append-only.

A backup is written next to PATH and renamed into place, so PATH never holds half a backup.
After a restore, the data version is moved past both its old and its restored value, so no
replica can serve a cached page of the data it held before.
"""

import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, select, text, update
from sqlalchemy.engine import make_url

from tracker.config import child_environment
from tracker.domain.errors import TrackerError
from tracker.ops.postgres import bindir, libpq_url
from tracker.storage.engine import make_engine
from tracker.storage.tables import data_version, facilities, history

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(TrackerError):
    pass


@dataclass(frozen=True)
class Summary:
    """What a database holds, to print after a backup or a restore and to compare the two."""

    backend: str
    objects: int
    history_rows: int
    data_version: int


def summarise(engine: Engine) -> Summary:
    with engine.connect() as conn:
        count = lambda table: conn.execute(select(text("count(*)")).select_from(table)).scalar_one()  # noqa: E731
        version = conn.execute(select(data_version.c.version).where(data_version.c.id == 1)).scalar_one()
        return Summary(engine.dialect.name, count(facilities), count(history), version)


def kind_of(path: Path) -> str:
    """``sqlite`` or ``pg_dump``, from the file's first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "pg_dump"
    raise BackupError("backup.unknown_format", path=str(path))


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("backup.in_memory")
    return Path(database)


def _pg_command(program: str, url: str, *args: str) -> subprocess.CompletedProcess:
    parsed = make_url(url)
    # The password travels in the environment, not on a command line other users can read.
    env = child_environment({"PGPASSWORD": parsed.password} if parsed.password else {})
    conninfo = libpq_url(parsed.set(password=None))
    cmd = [str(bindir((program,)) / program), *args, f"--dbname={conninfo}"]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    if result.returncode != 0:
        raise BackupError("backup.tool_failed", program=program, detail=result.stderr.strip()[-800:])
    return result


def backup(url: str, path: Path) -> Summary:
    """Write a consistent backup of the database ``url`` names to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    engine = make_engine(url)
    try:
        if engine.dialect.name == "sqlite":
            source = sqlite3.connect(_sqlite_path(url))
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
                # One self-contained file: no -wal beside it to lose on the way to the archive.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
                source.close()
        elif engine.dialect.name == "postgresql":
            _pg_command("pg_dump", url, "--format=custom", "--no-owner", f"--file={partial}")
        else:
            raise BackupError("backup.unsupported", backend=engine.dialect.name)
        os.replace(partial, path)
        return summarise(engine)
    finally:
        partial.unlink(missing_ok=True)
        engine.dispose()


def _dumped_tables(url: str, path: Path) -> set[str]:
    listing = _pg_command("pg_restore", url, "--list", str(path)).stdout
    tables = set()
    for line in listing.splitlines():
        parts = line.split(";", 1)[-1].split()
        if len(parts) >= 5 and parts[2] == "TABLE" and not line.startswith(";"):
            tables.add(parts[4])
    return tables


def _current_version(engine: Engine) -> int:
    if "data_version" not in inspect(engine).get_table_names():
        return 0
    with engine.connect() as conn:
        return conn.execute(select(data_version.c.version).where(data_version.c.id == 1)).scalar() or 0


def restore(url: str, path: Path, replace: bool = False) -> Summary:
    """Restore the backup at ``path`` into the database ``url`` names.

    A database that already holds the tracker's tables is overwritten only with ``replace``.
    Stop the replicas first: PostgreSQL's restore waits for their locks.
    """
    path = Path(path)
    kind = kind_of(path)
    engine = make_engine(url)
    try:
        backend = engine.dialect.name
        if (kind, backend) not in {("sqlite", "sqlite"), ("pg_dump", "postgresql")}:
            raise BackupError("backup.cross_backend", kind=kind, backend=backend)
        present = set(inspect(engine).get_table_names())
        if "alembic_version" in present and not replace:
            raise BackupError("backup.not_empty")
        before = _current_version(engine)
        engine.dispose()
        if kind == "sqlite":
            source = sqlite3.connect(path)
            target = sqlite3.connect(_sqlite_path(url), timeout=30)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=WAL")
            finally:
                target.close()
                source.close()
        else:
            extra = present - _dumped_tables(url, path) - {"spatial_ref_sys"}
            if extra:
                raise BackupError("backup.extra_tables", tables=", ".join(sorted(extra)))
            _pg_command(
                "pg_restore",
                url,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                str(path),
            )
        engine = make_engine(url)
        with engine.begin() as conn:
            restored = conn.execute(select(data_version.c.version).where(data_version.c.id == 1)).scalar_one()
            conn.execute(update(data_version).where(data_version.c.id == 1).values(version=max(before, restored) + 1))
        return summarise(engine)
    finally:
        engine.dispose()
