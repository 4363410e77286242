"""``tracker loadtest``, ``tracker backup``, ``tracker restore``, ``tracker serve-replicas``."""

import json
import signal
import sys
import time
from pathlib import Path

import click

from tracker.commands.common import database, refuse
from tracker.config import get_settings


def _url() -> str:
    return get_settings().resolved_database_url


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the figures, nothing else.")
@click.option(
    "--editors",
    type=click.IntRange(1, 200),
    default=20,
    show_default=True,
    help="Simulated editors saving at the same time.",
)
@click.option("--saves", type=click.IntRange(1, 10_000), default=50, show_default=True, help="Saves each editor makes.")
@click.option(
    "--viewers",
    type=click.IntRange(0, 200),
    default=10,
    show_default=True,
    help="Simulated visitors loading the map page over and over.",
)
@click.option(
    "--replicas",
    type=click.IntRange(0, 16),
    default=2,
    show_default=True,
    help="`streamlit run` replicas the viewers load pages from.",
)
@click.option(
    "--objects",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="How many objects the editors share (fewer: more conflicts).",
)
@click.option(
    "--seconds",
    type=click.FloatRange(1, 3600),
    default=300,
    show_default=True,
    help="The editing stops after this long even if saves remain.",
)
def loadtest(
    as_json: bool, editors: int, saves: int, viewers: int, replicas: int, objects: int, seconds: float
) -> None:
    """Measure saves and page loads on PostgreSQL with several replicas; check nothing is lost.

    Runs in a scratch database on the PostgreSQL server TRACKER_DATABASE_URL names (dropped
    afterwards; the role needs CREATEDB), or on a throwaway local cluster when the configured
    database is not PostgreSQL. Exits with 1 when a save was lost, half-written or failed.
    """
    from tracker.ops import loadtest as lt
    from tracker.ops.postgres import PostgresUnavailable

    plan = lt.Plan(editors=editors, saves=saves, viewers=viewers, replicas=replicas, objects=objects, seconds=seconds)
    progress = (lambda _msg: None) if as_json else (lambda msg: click.echo(f"… {msg}", err=True))
    try:
        figures = lt.run(plan, get_settings().database_url, progress)
    except PostgresUnavailable as exc:
        _fail(f"{exc}; set TRACKER_DATABASE_URL to a PostgreSQL server")
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        width = max(map(len, figures))
        for name, value in figures.items():
            click.echo(f"{name:<{width}}  {value}")
    if not lt.healthy(figures):
        if not as_json:
            click.echo("FAILED: a save was lost, half-written or failed, or a page failed", err=True)
        sys.exit(1)


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    """Write a consistent backup of the database to PATH while the app keeps running.

    SQLite: a copy made with SQLite's online backup API. PostgreSQL: a pg_dump custom-format
    archive. Restore it with `tracker restore PATH`.
    """
    from tracker.ops.backup import BackupError
    from tracker.ops.backup import backup as make_backup

    try:
        made = make_backup(_url(), path)
    except BackupError as exc:
        refuse(exc, 2)
    click.echo(
        f"backup of {made.backend} written to {path}: {made.objects} objects, "
        f"{made.history_rows} history rows, data version {made.data_version}"
    )


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a database that already holds data.")
def restore(path: Path, replace: bool) -> None:
    """Restore the backup at PATH into the database (stop the app's replicas first)."""
    from tracker.ops.backup import BackupError
    from tracker.ops.backup import restore as restore_backup

    try:
        done = restore_backup(_url(), path, replace=replace)
    except BackupError as exc:
        refuse(exc, 2)
    click.echo(
        f"restored {path} into {done.backend}: {done.objects} objects, "
        f"{done.history_rows} history rows; data version now {done.data_version}"
    )


@click.command("serve-replicas")
@click.option("--replicas", type=click.IntRange(1, 32), default=2, show_default=True)
@click.option("--first-port", type=click.IntRange(1024, 65000), default=8501, show_default=True)
def serve_replicas(replicas: int, first_port: int) -> None:
    """Migrate once, then serve the app from N replicas on consecutive loopback ports.

    Put a reverse proxy with sticky sessions in front (see deploy/nginx/). A replica that
    exits is started again. Stop with Ctrl-C.
    """
    from tracker.ops.replicas import start_replicas, stop_all

    url = _url()
    if get_settings().is_sqlite:
        click.echo(
            "warning: several replicas on one SQLite file take turns to write; "
            "use PostgreSQL (TRACKER_DATABASE_URL) for a national deployment",
            err=True,
        )
    database().dispose()
    running = start_replicas(url, replicas, first_port=first_port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    click.echo("replicas ready; the server lines of deploy/nginx/tracker-upstream.conf:")
    for replica in running:
        click.echo(f"    server 127.0.0.1:{replica.port} max_fails=3 fail_timeout=10s;")
    try:
        while True:
            time.sleep(2)
            for replica in running:
                if not replica.alive():
                    click.echo(f"{replica.name} exited; starting it again", err=True)
                    replica.start(wait=0)
    except KeyboardInterrupt:
        pass
    finally:
        stop_all(running)


COMMANDS = (loadtest, backup, restore, serve_replicas)
