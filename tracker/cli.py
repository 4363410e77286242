"""The ``tracker`` command. The database is the one ``TRACKER_DATABASE_URL`` names (default:
the SQLite file in ``TRACKER_DATA_DIR``, ``./var`` unless set)."""

from pathlib import Path

import click
from pydantic import ValidationError

from tracker.commands.common import database, refuse
from tracker.domain.errors import TrackerError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Track the adaptation of buildings for people with disabilities («Кедергісіз келешек»)."""


@main.command()
def init() -> None:
    """Create or upgrade the database and add the district catalogue. Safe to run again."""
    from tracker.services.setup import initialise

    db = database(initialise=False)
    added = initialise(db)
    click.echo(f"database ready at {db.engine.url.render_as_string(hide_password=True)}; {added} districts added")


@main.command()
@click.option(
    "--scale",
    type=click.Choice(["region", "national"]),
    default="region",
    show_default=True,
    help="region: the 1,294 demo objects of Almaty and Zhetysu oblasts; "
    "national: a synthetic set over all 224 districts for speed tests.",
)
@click.option(
    "--objects",
    type=click.IntRange(1, 200_000),
    default=50_000,
    show_default=True,
    help="How many synthetic objects for --scale national.",
)
@click.option("--if-empty", is_flag=True, help="Load only into a database with no objects at all.")
def demo(scale: str, objects: int, if_empty: bool) -> None:
    """Load the labelled demo data (only once: a second run changes nothing)."""
    from tracker.services.setup import is_empty, load_demo, load_national_demo

    db = database()
    if if_empty and not is_empty(db):
        click.echo("the database already holds objects; demo data not loaded")
        return
    if scale == "national":
        loaded = load_national_demo(db, objects)
        click.echo(
            "national demo already loaded"
            if loaded.already_loaded
            else f"loaded {loaded.facilities} synthetic demo objects over all districts"
        )
        return
    loaded = load_demo(db)
    if loaded.already_loaded:
        click.echo("demo data already loaded; nothing changed")
    else:
        click.echo(
            f"loaded demo data: {loaded.facilities} objects, {loaded.rehab_centers} "
            f"rehabilitation centres, {loaded.invataxi_reports} Invataxi monthly reports, "
            f"{loaded.visits} monitoring visits"
        )


@main.group()
def boundaries() -> None:
    """District boundaries used on maps and to place objects in districts."""


@boundaries.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", default=None, help="Credit line shown on maps (default: geokz, CC BY 4.0).")
def boundaries_import(path: Path, source: str | None) -> None:
    """Import district polygons from PATH (shapefile, GeoJSON, GeoPackage: anything geopandas reads).

    Polygons are matched to districts by KATO code. Running it again with the same file
    changes nothing; with a newer file, the changed districts are replaced, with history.
    """
    from tracker.services.boundaries import import_boundaries

    db = database()
    try:
        result = import_boundaries(db, _system(), path, **({"source": source} if source else {}))
    except (TrackerError, ValidationError) as exc:
        refuse(exc, 2)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{result.imported} district boundaries imported or updated from {path.name}")


def _system():
    from tracker.services.actor import SYSTEM

    return SYSTEM


from tracker.commands.users import users as _users  # noqa: E402

main.add_command(_users)


from tracker.commands.ops import COMMANDS as _ops_commands  # noqa: E402

for _command in _ops_commands:
    main.add_command(_command)


from tracker.commands.io import COMMANDS as _io_commands  # noqa: E402

for _command in _io_commands:
    main.add_command(_command)


from tracker.bench.bench import bench as _bench  # noqa: E402

main.add_command(_bench)


if __name__ == "__main__":
    main()
