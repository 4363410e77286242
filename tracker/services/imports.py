"""Importing objects, rehabilitation centres and Invataxi reports from akimat spreadsheets.

Two steps. ``plan_import`` reads and checks the whole file and the permissions of the acting
user for every row, and says what would happen (create / update / unchanged) — it writes
nothing: that is the dry run. ``apply_import`` writes a plan without errors in ONE transaction
through the repositories (history rows commented with the file name); a record changed by
someone since the dry run is refused by the version check and nothing is written.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError

from tracker.domain import calendar
from tracker.domain.errors import PermissionDenied, RuleViolation, TrackerError
from tracker.io.columns import COLUMNS, Column, auto_map, missing_required
from tracker.io.districts import DistrictMatcher
from tracker.io.encoding import looks_garbled
from tracker.io.problems import Problem, Severity, shorten
from tracker.io.readers import Limits, RawTable, read_table
from tracker.io.records import Model, identity
from tracker.io.rows import ParsedRow, parse_rows
from tracker.services.actor import Actor
from tracker.services.boundaries import BoundarySet, current_boundaries
from tracker.services.permissions import Action, require
from tracker.services.rulebook import check_change
from tracker.storage.database import Database
from tracker.storage.mapping import SPECS
from tracker.storage.tables import facilities, rehab_centers
from tracker.storage.unit_of_work import Store

Progress = Callable[[int, int], None]
CHUNK = 500


class ImportRefused(TrackerError):
    """The plan has errors or unconfirmed guesses, or changed under it; nothing was written."""


@dataclass(frozen=True)
class Planned:
    label: str
    action: str  # create, update, unchanged
    model: Model
    key: Any = None  # the stored record's key for updates
    seen_version: int | None = None
    written: str | None = None  # the old code or former name the row gave, for the history
    reason: str | None = None  # the row's reason for a stage move, kept in the history's comment


@dataclass
class ImportPlan:
    kind: str
    filename: str
    table: RawTable
    mapping: dict[str, int]
    missing: list[Column] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    mappings: dict = field(default_factory=dict)  # (header, cell) → [value read, rows]: for the report
    districts: dict = field(default_factory=dict)  # KATO → District, to name them in the report

    def of(self, severity: Severity) -> list[Problem]:
        return [p for p in self.problems if p.severity == severity]

    @property
    def errors(self) -> list[Problem]:
        return self.of(Severity.ERROR)

    @property
    def guesses(self) -> list[Problem]:
        return self.of(Severity.CONFIRM)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.errors and not self.guesses and bool(self.planned)

    def count(self, action: str) -> int:
        return sum(1 for p in self.planned if p.action == action)

    @property
    def unmapped_headers(self) -> list[str]:
        used = set(self.mapping.values())
        return [h for i, h in enumerate(self.table.headers) if i not in used and h]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _repository(store: Store, kind: str):
    return {"objects": store.facilities, "rehab": store.rehab_centers, "invataxi": store.invataxi}[kind]


def resolve_mapping(headers: list[str], kind: str, manual: dict[str, str | int] | None) -> dict[str, int]:
    """Automatic mapping, overridden by the user's choices (column key → header name or position)."""
    mapping = auto_map(headers, kind)
    for key, chosen in (manual or {}).items():
        if key not in {c.key for c in COLUMNS[kind]}:
            continue
        mapping.pop(key, None)
        if chosen is None or chosen == "":
            continue
        pos = chosen if isinstance(chosen, int) else (headers.index(chosen) if chosen in headers else None)
        if pos is not None:
            mapping = {k: v for k, v in mapping.items() if v != pos} | {key: pos}
    return mapping


def plan_import(
    db: Database,
    actor: Actor,
    filename: str,
    data: bytes,
    kind: str,
    mapping: dict[str, str | int] | None = None,
    confirmed: dict[str, str] | None = None,
    limits: Limits = Limits(),
    boundaries: BoundarySet | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> ImportPlan:
    """Read and check a file; say what importing it would do. Writes nothing.

    Raises ``FileProblem`` when the file cannot be read at all (too big, empty, not a table).
    """
    table = read_table(filename, data, kind, limits)
    resolved = resolve_mapping(table.headers, kind, mapping)
    plan = ImportPlan(kind, filename, table, resolved, missing_required(resolved, kind))
    plan.problems = [Problem("", h, shorten(h), "garbled") for h in table.headers if looks_garbled(h)]
    if plan.missing:
        plan.problems += [Problem("", c.header("en"), "", "missing_column", {"column": c.title}) for c in plan.missing]
        return plan
    if not table.rows:
        plan.problems.append(Problem("", "", "", "no_rows"))
        return plan
    with db.read() as store:
        districts = [d.model for d in store.districts.all()]
    matcher = DistrictMatcher(districts)
    plan.districts = {d.kato: d for d in districts}
    bounds = boundaries if boundaries is not None else current_boundaries(db)
    plan.rows = parse_rows(
        table,
        kind,
        resolved,
        matcher,
        confirmed,
        None if bounds.approximate else bounds.real,
        progress,
        plan.mappings,
    )
    oblasts = {d.kato: d.oblast_en for d in districts}
    with db.read() as store:
        existing = _existing(store, kind, [r.model for r in plan.rows if r.model is not None])
    for row in plan.rows:
        if row.model is not None:
            _plan_row(plan, row, actor, existing, oblasts, today or calendar.today())
        plan.problems.extend(row.problems)
    return plan


def _existing(store: Store, kind: str, models: list[Model]) -> dict[tuple, Any]:
    """Stored records with the same identity as the file's rows, keyed by identity."""
    repo = _repository(store, kind)
    if kind == "invataxi":
        return {identity(kind, s.model): s for s in repo.all()}
    table = facilities if kind == "objects" else rehab_centers
    ids = sorted({m.external_id for m in models})
    found = {}
    for start in range(0, len(ids), CHUNK):
        for stored in repo.all(table.c.external_id.in_(ids[start : start + CHUNK]), include_deleted=True):
            found[identity(kind, stored.model)] = stored
    return found


def _as_stored(spec, model: Model, key: Any = None) -> Model:
    """The model as the database will hand it back (money to the tiyn, defaults filled)."""
    return spec.from_row(spec.to_row(model) | ({"id": key} if spec.key == "id" else {}))


def _plan_row(
    plan: ImportPlan, row: ParsedRow, actor: Actor, existing: dict, oblasts: dict[str, str], today: date
) -> None:
    kind = plan.kind
    spec = SPECS[{"objects": "facility", "rehab": "rehab_center", "invataxi": "invataxi_report"}[kind]]
    model = _as_stored(spec, row.model)
    current = existing.get(identity(kind, model))
    try:
        require(actor, Action.IMPORT_DATA, model.district_kato, oblasts.get(model.district_kato))
        if current is not None:
            old = current.model
            require(actor, Action.IMPORT_DATA, old.district_kato, oblasts.get(old.district_kato))
    except PermissionDenied as refused:
        row.problems.append(Problem(row.label, "", model.district_kato, refused.code, refused.params))
        return
    if current is not None and current.deleted:
        row.problems.append(Problem(row.label, "", str(identity(kind, model)[0]), "deleted_record"))
        return
    new = model if current is None else _as_stored(spec, model, current.model.id)
    moved = current is not None and kind == "objects" and new.stage != current.model.stage
    if moved and new.stage not in new.stage_dates:
        new = new.model_copy(update={"stage_dates": new.stage_dates | {new.stage: today}})
    if kind == "objects":
        # The rule book of the form and the service: stage moves, dates, who may accept.
        old = current.model if current is not None else None
        reason = row.reason or None
        try:
            check_change(actor, new, old, oblasts.get(new.district_kato), reason, today=today)
        except (RuleViolation, PermissionDenied) as refused:
            row.problems.append(Problem(row.label, "", model.external_id or "", refused.code, refused.params))
            return
    if current is None:
        plan.planned.append(Planned(row.label, "create", model, written=row.written, reason=row.reason))
        return
    same = spec.snapshot(current.model) == spec.snapshot(new)
    action = "unchanged" if same else "update"
    plan.planned.append(
        Planned(row.label, action, new, current.model.id, current.version, written=row.written, reason=row.reason)
    )


def apply_import(db: Database, actor: Actor, plan: ImportPlan, progress: Progress | None = None) -> ImportResult:
    """Write a checked plan, all rows or none, with history commented with the file name."""
    if not plan.ok:
        raise ImportRefused("import.not_clean", errors=len(plan.errors), guesses=len(plan.guesses))
    comment = f"imported from {plan.filename}"
    creates = [p for p in plan.planned if p.action == "create" and not p.written]
    # A row read through an old code or a former name keeps what it said in its history.
    annotated = [p for p in plan.planned if p.action == "create" and p.written]
    updates = [p for p in plan.planned if p.action == "update"]
    total, done = len(creates) + len(annotated) + len(updates), 0
    with db.write() as uow:
        uow.serialise()
        repo = _repository(uow, plan.kind)
        oblasts = {d.model.kato: d.model.oblast_en for d in uow.districts.all()}
        for item in creates + annotated + updates:
            # The dry run checked this already; the service checks again at the moment of writing.
            require(actor, Action.IMPORT_DATA, item.model.district_kato, oblasts.get(item.model.district_kato))
        try:
            for start in range(0, len(creates), CHUNK):
                chunk = creates[start : start + CHUNK]
                repo.add_many([p.model for p in chunk], actor.name, comment)
                done += len(chunk)
                if progress:
                    progress(done, total)
            for item in annotated:
                repo.add(item.model, actor.name, f"{comment}; {item.written}")
                done += 1
        except IntegrityError as exc:
            raise ImportRefused("import.added_meanwhile") from exc
        for item in updates:
            note = f"{comment}: {item.reason}" if item.reason else comment
            note = f"{note}; {item.written}" if item.written else note
            repo.update(item.key, item.model, item.seen_version, actor.name, note)
            done += 1
            if progress and (done % 100 == 0 or done == total):
                progress(done, total)
        uow.commit()
    return ImportResult(len(creates) + len(annotated), len(updates), plan.count("unchanged"))


def actions(plan: ImportPlan) -> dict[str, str]:
    """Row label → create / update / unchanged, for the rows the plan would write or leave."""
    return {p.label: p.action for p in plan.planned}


def report_xlsx(plan: ImportPlan, lang: str) -> bytes:
    """The dry run's report as a workbook in ``lang``: problems beside the file's own cells."""
    from tracker.io.import_report import report_workbook

    def name(kato: str) -> str:
        d = plan.districts.get(kato)
        return f"{d.name(lang)} ({d.oblast(lang)}, {kato})" if d else kato

    return report_workbook(
        plan.table, plan.rows, plan.problems, plan.mappings, actions(plan), name, lang, plan.filename
    )
