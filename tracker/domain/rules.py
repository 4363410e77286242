"""Every refusal the tracker can give, declared once: a stable code and the parameters it names.

A refusal is raised as ``RuleViolation("stage.accept_after_completed", stage=Stage.DESIGN)``
(or ``PermissionDenied``, ``NotFound``, ``ConflictError``… with their codes); its message lives in
``tracker/i18n/messages/<lang>/rules.json`` under ``rule.<code>`` with exactly these
placeholders. Tests check both directions: every code has its message in kk, ru and en, and
every code raised anywhere in the source is declared here.
"""

from enum import StrEnum


class Record(StrEnum):
    """The kinds of stored record, as errors and the history name them."""

    FACILITY = "facility"
    DISTRICT = "district"
    REHAB_CENTER = "rehab_center"
    INVATAXI_REPORT = "invataxi_report"
    USER = "user"
    VISIT = "visit"
    EVIDENCE = "evidence"
    DISTRICT_BOUNDARY = "district_boundary"


CODES: dict[str, tuple[str, ...]] = {
    # --- any record (storage and services)
    "record.not_found": ("record", "key"),
    "record.changed": ("record", "key", "seen_version", "current_version"),
    # --- who may do what (tracker/services/permissions.py)
    "permission.denied": ("action",),
    "permission.out_of_scope": ("action", "district"),
    # --- stage moves (tracker/domain/stages.py)
    "stage.accept_after_completed": ("stage",),
    "stage.accepted_side": (),
    "stage.needs_reason": ("old", "new"),
    # --- objects, money, places
    "facility.no_name": (),
    "facility.years_range": ("first", "last"),
    "facility.completion_stage": (),
    "facility.delete_needs_reason": (),
    "facility.duplicate_external_id": ("external_id", "existing"),
    # --- dates (tracker/domain/dates.py); "today" is Kazakhstan's day
    "date.too_early": ("value", "earliest"),
    "date.in_future": ("value", "today"),
    "date.beyond_horizon": ("value", "last_year"),
    "budget.overrun": ("spent", "allocated"),
    "coordinates.swapped": ("lat", "lon"),
    "coordinates.outside": ("lat", "lon"),
    "coordinates.no_district": ("lat", "lon"),
    "coordinates.other_district": ("lat", "lon", "stated", "actual"),
    "district.unknown": ("kato",),
    "invataxi.negative_refused": (),
    # --- monitoring visits
    "visit.date_range": ("first",),
    "visit.no_findings": (),
    "visit.note_length": ("limit",),
    # --- site audits (tracker/domain/checklist)
    "audit.unknown_question": ("question",),
    "audit.bad_answer": ("question",),
    "audit.unknown_checklist": ("version",),
    # --- passport proposals (tracker/services/proposals.py)
    "proposal.decided": ("visit", "status"),
    "proposal.own": ("visit",),
    "proposal.stale": ("visit", "facility"),
    "proposal.needs_reason": (),
    # --- photos and documents
    "evidence.draft_needs_person": (),
    "evidence.draft_too_many": ("limit",),
    "evidence.kind": ("kind",),
    "evidence.empty": (),
    "evidence.too_large": ("limit_mb",),
    "evidence.not_a_photo": (),
    "evidence.not_a_photo_or_pdf": (),
    "evidence.too_many_pixels": (),
    "evidence.damaged": (),
    "evidence.visit_photo": (),
    # --- people and signing in
    "user.username": (),
    "user.district_code": (),
    "user.role": ("role",),
    "user.email": ("email",),
    "user.editor_needs_district": (),
    "user.password_length": ("min",),
    "user.password_has_name": (),
    "user.unknown_districts": ("codes",),
    "user.unknown_oblasts": ("names",),
    "user.username_taken": ("username",),
    "user.last_admin": (),
    "signin.bad_credentials": (),
    "signin.locked": ("until",),
    # --- district boundary files (tracker/geo/boundaries.py)
    "boundaries.unreadable": ("source", "detail"),
    "boundaries.no_features": ("source",),
    "boundaries.no_code_column": ("source", "found"),
    "boundaries.bad_codes": ("source", "count", "sample"),
    "boundaries.repeated_codes": ("source", "sample"),
    "boundaries.no_crs": ("source",),
    "boundaries.no_polygons": ("source",),
    # --- import, export, the command line
    "import.not_clean": ("errors", "guesses"),
    "import.added_meanwhile": (),
    "import.bad_pair": ("value", "option"),
    "export.format": ("what", "formats"),
    "export.report_needs_district": (),
    "export.audit_act_needs_visit": (),
    # --- backups (tracker/ops/backup.py)
    "backup.unknown_format": ("path",),
    "backup.in_memory": (),
    "backup.tool_failed": ("program", "detail"),
    "backup.unsupported": ("backend",),
    "backup.cross_backend": ("kind", "backend"),
    "backup.not_empty": (),
    "backup.extra_tables": ("tables",),
    # --- pydantic's own checks of a value, named for forms and imports alike
    "value.too_small": ("limit",),
    "value.too_large": ("limit",),
    "value.too_long": ("limit",),
    "value.required": (),
    "value.decimals": (),
    "value.number": (),
}


def check_params(code: str, params: dict) -> None:
    """Refuse, as a programming error, a code that is not declared or parameters that differ."""
    if code not in CODES:
        raise KeyError(f"undeclared rule code {code!r}: declare it in tracker/domain/rules.py")
    if set(params) != set(CODES[code]):
        raise TypeError(f"{code} takes parameters {sorted(CODES[code])}, got {sorted(params)}")
