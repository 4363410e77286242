"""``tracker import`` and ``tracker export``: spreadsheets in, files out.

Exit codes of ``tracker import``: 0 imported (or, with --dry-run, would import), 1 validation
errors or unconfirmed guesses (nothing written), 2 unreadable input (nothing written).
"""

import sys
from pathlib import Path

import click

from tracker.commands.common import database, refuse
from tracker.config import get_settings
from tracker.domain.errors import PermissionDenied, RuleViolation, TrackerError
from tracker.i18n import LANGUAGES
from tracker.io.columns import KINDS
from tracker.io.problems import FileProblem, Severity

LANGS = click.Choice(LANGUAGES)


def _pairs(values: tuple[str, ...], what: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, target = value.rpartition("=")
        if not sep or not name.strip():
            raise RuleViolation("import.bad_pair", value=value, option=what)
        pairs[name.strip()] = target.strip()
    return pairs


def _acting(db, username: str):
    """The Actor of a stored, active person: the CLI imports with that person's rights."""
    from tracker.services.permissions import Action
    from tracker.services.users import get_user

    user = get_user(db, username)
    if not user.active:
        raise PermissionDenied("permission.denied", action=Action.IMPORT_DATA)
    return user.actor()


@click.command("import")
@click.argument("kind", type=click.Choice((*KINDS, "template")))
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
@click.option(
    "--district-map",
    multiple=True,
    metavar="NAME=KATO",
    help="Confirm a district the file names (e.g. a guessed spelling): NAME=KATO. Repeatable.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="KEY=HEADER",
    help="Map a column by hand, e.g. --column lat='Шир.'. Repeatable.",
)
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of the report (or template).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="template: where to write the XLSX.",
)
@click.option(
    "--as",
    "as_user",
    default=None,
    metavar="USERNAME",
    help="Import as this person of `tracker users` (their role and districts apply); default: the system.",
)
def import_command(
    kind: str,
    path: Path,
    dry_run: bool,
    district_map: tuple[str, ...],
    columns: tuple[str, ...],
    lang: str,
    output: Path | None,
    as_user: str | None,
) -> None:
    """Import objects, rehab centres or Invataxi reports from PATH (XLSX, CSV, GeoJSON, GeoPackage).

    The whole file is checked first; with any error nothing is written. Rows are matched to
    stored records by their id (Invataxi: district and month): importing the same file again
    updates them and changes nothing where nothing changed.

    `tracker import template objects --lang ru -o template.xlsx` writes a workbook to fill in.
    """
    if kind == "template":
        _template(str(path), lang, output)
        return
    from tracker.io.readers import Limits
    from tracker.services.actor import SYSTEM
    from tracker.services.imports import apply_import, plan_import

    settings = get_settings()
    try:
        data = path.read_bytes()
    except OSError as exc:
        click.echo(f"error: cannot read {path}: {exc.strerror}", err=True)
        sys.exit(2)
    try:
        mapping, confirmed = _pairs(columns, "--column"), _pairs(district_map, "--district-map")
    except RuleViolation as exc:
        refuse(exc, 2, lang)
    db = database()
    try:
        actor = _acting(db, as_user) if as_user else SYSTEM
    except TrackerError as exc:
        refuse(exc, 2, lang)
    limits = Limits(settings.import_max_mb * 1024 * 1024, settings.import_max_rows)
    try:
        plan = plan_import(db, actor, path.name, data, kind, mapping=mapping, confirmed=confirmed, limits=limits)
    except FileProblem as exc:
        click.echo(f"error: {path.name}: {exc.message(lang)}", err=True)
        sys.exit(2)
    table = plan.table
    if table.decoded is not None:
        letters = f" ({', '.join(table.decoded.evidence)})" if table.decoded.evidence else ""
        click.echo(f"{path.name}: {table.format}, encoding {table.decoded.encoding}{letters}, {len(table.rows)} rows")
    else:
        click.echo(f"{path.name}: {table.format}, {len(table.rows)} rows")
    if table.header_row:
        click.echo(
            f"header: row {table.header_row}" + (f" ({table.header_rows} rows)" if table.header_rows > 1 else "")
        )
    for sheet in table.skipped_sheets:
        click.echo(f"note: sheet {sheet!r} skipped (no known columns)")
    for problem in plan.problems:
        mark = {
            Severity.ERROR: "error",
            Severity.WARNING: "warning",
            Severity.CONFIRM: "confirm",
            Severity.NOTE: "note",
        }[problem.severity]
        where = f"row {problem.row}" if problem.row else "file"
        column = f" [{problem.column}]" if problem.column else ""
        value = f" {problem.value!r}" if problem.value else ""
        click.echo(f"{mark}: {where}{column}{value}: {problem.message(lang)}")
        if problem.severity == Severity.CONFIRM:
            click.echo(f"       to confirm: --district-map {problem.value!r}={problem.params.get('kato')}")
    counts = f"{plan.count('create')} new, {plan.count('update')} updated, {plan.count('unchanged')} unchanged"
    if not plan.ok:
        click.echo(
            f"nothing written: {len(plan.errors)} errors, {len(plan.guesses)} to confirm"
            + ("" if plan.errors or plan.guesses or plan.missing else " (no rows)"),
            err=True,
        )
        sys.exit(1)
    if dry_run:
        click.echo(f"dry run: would write {counts}; nothing written")
        return
    try:
        result = apply_import(db, actor, plan)
    except TrackerError as exc:
        refuse(exc, 1, lang)
    click.echo(
        f"imported from {path.name}: {result.created} new, {result.updated} updated, {result.unchanged} unchanged"
    )


def _template(what: str, lang: str, output: Path | None) -> None:
    from tracker.services.actor import SYSTEM
    from tracker.services.templates import import_template

    if what != "objects" or output is None:
        click.echo("usage: tracker import template objects --lang ru -o template.xlsx", err=True)
        sys.exit(2)
    data = import_template(database(), SYSTEM, lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    click.echo(f"wrote {output} (objects template, {lang})")


@click.command("export")
@click.argument(
    "what", type=click.Choice(["objects", "rehab", "invataxi", "districts", "opendata", "report", "map", "audit-act"])
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "geojson", "html", "pdf"]),
    default=None,
    help="csv/xlsx/geojson for tables; html/pdf for report and audit-act; html for map; geojson for opendata.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The state at the end of this day (Kazakhstan time), rebuilt from the history.",
)
@click.option("--district", default=None, metavar="KATO", help="One district only (required for report).")
@click.option(
    "--lang",
    type=LANGS,
    default=None,
    help="Language of headers and labels (default: en for tables, kk for report and map).",
)
@click.option("--by-district", is_flag=True, help="xlsx: one sheet per district.")
@click.option("--visit", "visit_id", type=int, default=None, metavar="ID", help="audit-act: the audit (visit) number.")
@click.option(
    "--delimiter",
    type=click.Choice([",", ";"]),
    default=",",
    show_default=True,
    help="csv: ',' with decimal points (programs, LibreOffice); ';' with decimal commas for Excel in kk/ru settings.",
)
def export_command(
    what: str,
    fmt: str | None,
    output: Path,
    as_of,
    district: str | None,
    lang: str | None,
    by_district: bool,
    delimiter: str,
    visit_id: int | None,
) -> None:
    """Export to a file: records, district summaries, open data, a district report, a map or an audit act."""
    from tracker.services import exports

    if what == "audit-act":
        _audit_act(visit_id, fmt or ("pdf" if output.suffix.lower() == ".pdf" else "html"), lang or "ru", output)
        return

    try:
        fmt = exports.check_request(what, fmt, district)
    except RuleViolation as exc:
        refuse(exc, 2, lang or "en")
    scope = exports.Scope(as_of.date() if as_of else None, district)
    db = database()
    try:
        if what in exports.TABLE_KINDS:
            result = exports.export_table(db, what, fmt, lang or "en", scope, by_district, delimiter=delimiter)
        elif what == "districts":
            result = exports.export_districts(db, fmt, lang or "en", scope, delimiter=delimiter)
        elif what == "opendata":
            result = exports.export_opendata(db, scope)
        elif what == "report":
            result = exports.export_report(db, district, fmt, lang or "kk", scope)
        else:
            result = exports.export_map(db, lang or "kk", scope)
    except TrackerError as exc:
        refuse(exc, 1, lang or "en")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(result.data)
    note = f"; {result.demo_rows} of them demo data (labelled)" if result.demo_rows else ""
    when = f" as of {scope.as_of:%d.%m.%Y}" if scope.as_of else ""
    click.echo(f"wrote {output} ({result.rows} rows{when}{note})")


def _audit_act(visit_id: int | None, fmt: str, lang: str, output: Path) -> None:
    """The printable act of one site audit (no person's name: the command line signs for nobody)."""
    from tracker.services.actor import SYSTEM
    from tracker.services.audit_acts import audit_act

    try:
        if visit_id is None:
            raise RuleViolation("export.audit_act_needs_visit")
        act = audit_act(database(), SYSTEM, visit_id, lang, fmt)
    except TrackerError as exc:
        refuse(exc, 2 if isinstance(exc, RuleViolation) else 1, lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(act.data)
    click.echo(f"wrote {output} (audit act of visit {visit_id}, {lang}, {fmt})")


COMMANDS = (import_command, export_command)
