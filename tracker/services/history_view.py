"""Read models for the dashboards: one object with its history, and the objects' progress.

Nothing here writes. History entries are turned into plain values (``None`` for an absent
side) because the storage layer's ``ABSENT`` marker does not survive the pickling that
Streamlit's cache does.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from tracker.domain import DisabilityCategory, District, Facility, PassportEntry, Stage
from tracker.domain.calendar import KZ_TIME
from tracker.domain.people import Role
from tracker.storage import history
from tracker.storage.queries import FacilityFilter
from tracker.storage.tables import districts, facilities
from tracker.storage.unit_of_work import Store

#: Kazakhstan keeps one time zone (UTC+5) since March 2024; history is stored in UTC.
#: A fixed offset, not Asia/Almaty: a server whose tz database predates 2024a would still say UTC+6.
DISPLAY_ZONE = KZ_TIME
CREATED, DELETED, RESTORED = history.CREATED, history.DELETED, history.RESTORED
PROGRESS_COLUMNS = [
    "id",
    "external_id",
    "name_kk",
    "name_ru",
    "sector",
    "district_kato",
    "location_precision",
    "program_year",
    "stage",
    "planned_completion",
    "actual_completion",
    "demo",
    "passport_conclusion",
    *(f"passport_{c.value}" for c in DisabilityCategory),
]
BUDGET_KINDS = ("planned", "allocated", "contracted", "spent")


@dataclass(frozen=True)
class Change:
    """One changed field of one saved version: who, when, old → new (``None`` when absent)."""

    version: int
    at: datetime
    actor: str
    field: str
    old: Any
    new: Any
    comment: str | None

    @property
    def local_time(self) -> datetime:
        return self.at.astimezone(DISPLAY_ZONE)


@dataclass(frozen=True)
class Author:
    """Who made a change, as the public may know it: a role and an organisation, never a name."""

    role: Role | None  # None: the system, an import, or a name the register does not know
    organisation: str | None = None


def authors(store: Store) -> dict[str, Author]:
    """Every person's user name → their role and organisation (disabled and removed people too)."""
    return {p.model.username: Author(p.model.role, p.model.organisation) for p in store.users.all(include_deleted=True)}


@dataclass(frozen=True)
class FacilityRecord:
    """An object as stored now, its district, its change log and its first recorded passport."""

    facility: Facility
    version: int
    updated_at: datetime
    updated_by: str
    district: District | None
    changes: tuple[Change, ...]
    first_passport: dict[DisabilityCategory, PassportEntry]
    #: The role and organisation of every name in ``updated_by`` and ``changes``, for the public view.
    authors: dict[str, Author] = field(default_factory=dict)

    def author(self, name: str) -> Author:
        return self.authors.get(name, Author(None))


def _plain(value: Any) -> Any:
    return None if value is history.ABSENT else value


def _passport_of(state: dict[str, Any]) -> dict[DisabilityCategory, PassportEntry]:
    found = {}
    for category in DisabilityCategory:
        prefix = f"passport.{category.value}."
        current = state.get(prefix + "current")
        if current is None:
            continue
        found[category] = PassportEntry.model_validate(
            {
                "current": current,
                "target": state.get(prefix + "target"),
                "assessed_on": state.get(prefix + "assessed_on"),
            }
        )
    return found


def first_passport(entries: list[history.HistoryEntry]) -> dict[DisabilityCategory, PassportEntry]:
    """For each category, the first assessment the history holds (its ``current`` state then).

    The record is replayed version by version; a category counts from the first version in
    which it had a current state, so an object assessed only after it was created still gets
    its "before".
    """
    state: dict[str, Any] = {}
    first: dict[DisabilityCategory, PassportEntry] = {}
    for i, entry in enumerate(entries):
        if entry.field == CREATED:
            state = dict(entry.new)
        elif entry.field not in (DELETED, RESTORED):
            if entry.new is history.ABSENT:
                state.pop(entry.field, None)
            else:
                state[entry.field] = entry.new
        last_of_version = i + 1 == len(entries) or entries[i + 1].version != entry.version
        if last_of_version:
            for category, passport_entry in _passport_of(state).items():
                first.setdefault(category, passport_entry)
    return first


def facility_record(store: Store, facility_id: int) -> FacilityRecord | None:
    """The live object with this id and its history, or None when there is no such object."""
    stored = store.facilities.get(facility_id)
    if stored is None:
        return None
    entries = store.facilities.history(facility_id)
    district = store.districts.get(stored.model.district_kato)
    changes = tuple(Change(e.version, e.at, e.actor, e.field, _plain(e.old), _plain(e.new), e.comment) for e in entries)
    return FacilityRecord(
        facility=stored.model,
        version=stored.version,
        updated_at=stored.updated_at,
        updated_by=stored.updated_by,
        district=district.model if district else None,
        changes=changes,
        first_passport=first_passport(entries),
        authors=authors(store),
    )


def progress_frame(conn: Connection, flt: FacilityFilter = FacilityFilter()) -> pd.DataFrame:
    """Live objects with what the dashboards count: stage and its dates, plan, money, names.

    Plain columns only (the completion and acceptance dates are read out of ``stage_dates`` in
    SQL), so that 50,000 rows load and cache quickly; dates are datetime64 (NaT when absent),
    money is in ₸ as floats, for charts. Columns: ``PROGRESS_COLUMNS`` + ``completed_on``,
    ``accepted_on`` + ``budget_planned``, ``budget_allocated``, ``budget_contracted``,
    ``budget_spent``.
    """
    f = facilities.c
    query = select(
        *[f[c] for c in PROGRESS_COLUMNS],
        f.stage_dates[Stage.COMPLETED.value].as_string().label("completed_on"),
        f.stage_dates[Stage.ACCEPTED.value].as_string().label("accepted_on"),
        *[f[f"budget_{kind}_tiyn"] for kind in BUDGET_KINDS],
    ).where(f.deleted_at.is_(None))
    if flt.district_katos:
        query = query.where(f.district_kato.in_(flt.district_katos))
    if flt.program_years:
        query = query.where(f.program_year.in_(flt.program_years))
    if flt.oblast_en:
        query = query.join(districts, districts.c.kato == f.district_kato).where(
            districts.c.oblast_en.in_(flt.oblast_en)
        )
    tiyn = [f"budget_{kind}_tiyn" for kind in BUDGET_KINDS]
    # Plain tuples: pandas probes each SQLAlchemy Row for attributes, which costs seconds at 50,000.
    rows = [tuple(row) for row in conn.execute(query)]
    frame = pd.DataFrame(rows, columns=[*PROGRESS_COLUMNS, "completed_on", "accepted_on", *tiyn])
    for kind, column in zip(BUDGET_KINDS, tiyn):
        frame[f"budget_{kind}"] = pd.to_numeric(frame.pop(column), errors="coerce").astype(float) / 100
    for column in ("planned_completion", "actual_completion", "completed_on", "accepted_on"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame
