"""PostgreSQL for operations: the server programs, a throwaway cluster, scratch databases.

The throwaway cluster (initdb + pg_ctl in a temporary directory, loopback only) serves the test
session and ``tracker loadtest`` when no PostgreSQL URL is configured. Run as root, the cluster
belongs to the ``postgres`` system user, because initdb refuses to run as root.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from tracker.config import get_settings


class PostgresUnavailable(RuntimeError):
    pass


def bindir(needs: tuple[str, ...] = ("initdb", "postgres")) -> Path:
    """The directory holding PostgreSQL's programs: the configured one, else the newest installed."""
    configured = get_settings().postgres_bin
    found = shutil.which(needs[0])
    candidates = (
        ([str(configured)] if configured else [])
        + sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_major, reverse=True)
        + ([str(Path(found).parent)] if found else [])
    )
    for directory in candidates:
        if all((Path(directory) / name).exists() for name in needs):
            return Path(directory)
    raise PostgresUnavailable(f"PostgreSQL programs ({', '.join(needs)}) were not found")


def _major(path: str) -> int:
    version = Path(path).parent.name
    return int(version) if version.isdigit() else 0


def libpq_url(url: str | URL) -> str:
    """The URL as libpq programs (pg_dump, psql) spell it: no ``+driver`` part."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def is_postgres(url: str | None) -> bool:
    return bool(url) and make_url(url).get_backend_name() == "postgresql"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayCluster:
    """A PostgreSQL server in a temporary directory, listening on 127.0.0.1 only."""

    def __init__(self) -> None:
        self.bindir = bindir()
        self.root = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 120) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise PostgresUnavailable(f"{' '.join(args[:2])} failed: {result.stderr.strip()[-500:]}")

    def start(self) -> str:
        """Create and start the cluster; returns the URL of its maintenance database."""
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
        # Durability is traded for speed: the cluster lives for one test session or load test.
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "-t", "60", "start"
        )
        return self.url

    def restart(self) -> None:
        """``pg_ctl restart -m fast``: every open connection is cut, as in a server restart."""
        self._run(
            "pg_ctl", "-D", str(self.data), "-m", "fast", "-l", str(self.root / "log"), "-w", "-t", "60", "restart"
        )

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except (PostgresUnavailable, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.root, ignore_errors=True)


def create_database(server_url: str, prefix: str, template: str | None = None) -> str:
    """Create a new, empty database on the server ``server_url`` names; returns its URL."""
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    finally:
        admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    """Drop the database ``url`` names, closing whatever connections are still open to it."""
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def scratch_database(server_url: str | None, prefix: str = "tracker_scratch") -> Iterator[str]:
    """A fresh database for the duration: on ``server_url``'s server, else on a throwaway cluster.

    Nothing is written to the database ``server_url`` itself, so a load test may be pointed at
    a production server (its role needs CREATEDB).
    """
    cluster = None
    if not is_postgres(server_url):
        cluster = ThrowawayCluster()
        server_url = cluster.start()
    try:
        url = create_database(server_url, prefix)
        try:
            yield url
        finally:
            drop_database(server_url, url)
    finally:
        if cluster is not None:
            cluster.stop()
