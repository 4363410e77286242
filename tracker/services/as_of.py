"""The register as it stood at the end of a past day, rebuilt from the append-only history.

Set-based: one query per kind of record returns, for every record, its creation snapshot and
only the latest value of each field changed after it, up to the cut-off (a window function
over the history, on SQLite and PostgreSQL alike); the merge is a dictionary update per record.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import func, select

from tracker.domain.calendar import KZ_TIME
from tracker.storage import history as hist
from tracker.storage.database import Database
from tracker.storage.mapping import FACILITY, EntitySpec, unflatten
from tracker.storage.queries import FACILITY_COLUMNS
from tracker.storage.tables import history

_STATE = (hist.DELETED, hist.RESTORED)


@dataclass(frozen=True)
class Snapshot:
    key: str
    version: int
    flat: dict[str, Any]


def cutoff(day: date) -> datetime:
    """The first instant after ``day`` in Kazakhstan (\"as of a day\" means its end there), in UTC."""
    return datetime.combine(day + timedelta(days=1), time(0), KZ_TIME).astimezone(UTC)


def snapshots_as_of(db: Database, entity: str, day: date) -> list[Snapshot]:
    """Flat snapshots (as history stores them) of the records of ``entity`` alive at the end of ``day``."""
    until = cutoff(day)
    ranked = (
        select(
            history.c.entity_id,
            history.c.field,
            history.c.new_value,
            history.c.version,
            func.row_number()
            .over(
                partition_by=(history.c.entity_id, history.c.field),
                order_by=(history.c.version.desc(), history.c.id.desc()),
            )
            .label("pos"),
        )
        .where(history.c.entity == entity, history.c.at < until)
        .subquery()
    )
    query = select(ranked.c.entity_id, ranked.c.field, ranked.c.new_value, ranked.c.version).where(ranked.c.pos == 1)
    records: dict[str, dict[str, Any]] = {}
    versions: dict[str, int] = {}
    fields: dict[str, list[tuple[int, str, str | None]]] = {}
    status: dict[str, tuple[int, str]] = {}
    with db.read() as store:
        for entity_id, field, new_value, version in store.conn.execute(query):
            versions[entity_id] = max(versions.get(entity_id, 0), version)
            if field == hist.CREATED:
                records[entity_id] = hist._load(new_value)
            elif field in _STATE:
                if version >= status.get(entity_id, (0, ""))[0]:
                    status[entity_id] = (version, field)
            else:
                fields.setdefault(entity_id, []).append((version, field, new_value))
    out = []
    for entity_id, flat in records.items():
        if status.get(entity_id, (0, hist.RESTORED))[1] == hist.DELETED:
            continue
        state = dict(flat)
        for _, field, new_value in fields.get(entity_id, []):
            value = hist._load(new_value)
            if value is hist.ABSENT:
                state.pop(field, None)
            else:
                state[field] = value
        _drop_shadowed(state)
        out.append(Snapshot(entity_id, versions[entity_id], state))
    return sorted(out, key=lambda s: (len(s.key), s.key))


def _drop_shadowed(state: dict[str, Any]) -> None:
    # A nested field that became non-empty ("passport" {} → "passport.wheelchair.current") is
    # written as the removal of the empty parent plus the new leaves; when only the latest row
    # of each field is kept, a stale empty parent may survive beside its leaves: drop it.
    for key in [k for k, v in state.items() if v == {}]:
        if any(other.startswith(key + ".") for other in state):
            del state[key]


def models_as_of(db: Database, spec: EntitySpec, day: date) -> list:
    """Domain models of the records of ``spec`` alive at the end of ``day``."""
    return [spec.from_snapshot(s.flat, _key(spec, s.key)) for s in snapshots_as_of(db, spec.name, day)]


def _key(spec: EntitySpec, key: str):
    return int(key) if spec.key == "id" else key


def facilities_frame_as_of(db: Database, day: date) -> pd.DataFrame:
    """The same columns as ``tracker.storage.queries.facilities_frame``, as of the end of ``day``."""
    rows = []
    for snap in snapshots_as_of(db, FACILITY.name, day):
        f = snap.flat
        data = unflatten(f)
        budget = data.get("budget") or {}
        years = f.get("program_years") or [None]
        rows.append(
            {
                "id": int(snap.key),
                "external_id": f.get("external_id"),
                "name_kk": f.get("name_kk"),
                "name_ru": f.get("name_ru"),
                "sector": f.get("sector"),
                "district_kato": f.get("district_kato"),
                "lat": f.get("lat"),
                "lon": f.get("lon"),
                # Objects stored before location precision existed had their own coordinates.
                "location_precision": f.get("location_precision") or "exact",
                "program_year": min(years) if years[0] else None,
                "stage": f.get("stage"),
                "funding_source": budget.get("funding_source"),
                "planned_completion": _date(f.get("planned_completion")),
                "actual_completion": _date(f.get("actual_completion")),
                "budget_planned": _amount(budget.get("planned")),
                "budget_allocated": _amount(budget.get("allocated")),
                "budget_contracted": _amount(budget.get("contracted")),
                "budget_spent": _amount(budget.get("spent")),
                "passport": data.get("passport") or {},
                "demo": bool(f.get("demo")),
                "version": snap.version,
            }
        )
    columns = [c for c in FACILITY_COLUMNS if not c.endswith("_tiyn")] + [
        f"budget_{k}" for k in ("planned", "allocated", "contracted", "spent")
    ]
    return pd.DataFrame(rows, columns=columns)


def _amount(value: str | None) -> float:
    """A history amount as the frame holds it: NaN when nobody gave it."""
    return float("nan") if value is None else float(value)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
