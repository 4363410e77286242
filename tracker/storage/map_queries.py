"""The live map's read: only the columns it draws, passport ranks worked out by the database.

Reading the whole facilities frame for a map decoded every passport's JSON in Python and built
a wide frame; here the database returns one narrow row per object (ranks as small integers via
its own JSON functions on SQLite and PostgreSQL), and ``since`` reads only what changed.
"""

import json
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, String, and_, case, func, select, type_coerce

from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.storage.tables import facilities

#: Columns of `live_rows`, in order; ``passport`` is one short JSON array per row (see `passport_ranks`).
LIVE_COLUMNS = [
    "id",
    "version",
    "lat",
    "lon",
    "stage",
    "program_year",
    "sector",
    "funding_source",
    "district_kato",
    "planned_completion",
    "budget_allocated_tiyn",
    "budget_spent_tiyn",
    "demo",
    "deleted",
    "updated_at",
    "location_precision",
    "passport",
]
#: The passport fields read, in the order of the array: current and target for each category.
PASSPORT_FIELDS = [(c.value, field) for c in DisabilityCategory for field in ("current", "target")]


def _passport_states(dialect: str):
    """One short JSON array of the passport states, the document parsed once per row."""
    if dialect == "sqlite":
        return func.json_extract(facilities.c.passport, *[f"$.{c}.{f}" for c, f in PASSPORT_FIELDS])
    return func.json_build_array(*[facilities.c.passport[c][f].as_string() for c, f in PASSPORT_FIELDS])


def passport_ranks(arrays: pd.Series) -> pd.DataFrame:
    """``rank_<category>`` and ``target_<category>`` (0 best … 3, -1 not recorded) from `live_rows`."""
    rank = {s.value: s.rank for s in PassportState}
    values = [json.loads(a) if isinstance(a, str) else (a or []) for a in arrays]
    names = [f"{'rank' if f == 'current' else 'target'}_{c}" for c, f in PASSPORT_FIELDS]
    table = [[rank.get(v, -1) for v in (row + [None] * len(names))[: len(names)]] for row in values]
    return pd.DataFrame(table, columns=names, index=arrays.index, dtype="int8")


def live_rows(conn: Connection, since: datetime | None = None) -> pd.DataFrame:
    """Objects with the live map's columns; with ``since``, only those changed after it (deleted too).

    Without ``since`` only live objects are read; with it, soft-deleted ones come back with
    ``deleted`` true so a cached layer can drop them. Dates come as text (parsed by pandas,
    vectorised: the driver's per-row date parsing cost more than the query).
    """
    query = select(
        facilities.c.id,
        facilities.c.version,
        facilities.c.lat,
        facilities.c.lon,
        facilities.c.stage,
        facilities.c.program_year,
        facilities.c.sector,
        facilities.c.funding_source,
        facilities.c.district_kato,
        type_coerce(facilities.c.planned_completion, String),
        *_execution_pair(),
        facilities.c.demo,
        facilities.c.deleted_at.is_not(None).label("deleted"),
        type_coerce(facilities.c.updated_at, String),
        facilities.c.location_precision,
        type_coerce(_passport_states(conn.dialect.name), String),
    )
    if since is None:
        query = query.where(facilities.c.deleted_at.is_(None))
    else:
        if since.tzinfo is None and conn.dialect.name != "sqlite":
            since = since.replace(tzinfo=UTC)
        query = query.where(facilities.c.updated_at > since)
    frame = pd.DataFrame(conn.execute(query.order_by(facilities.c.id)).all(), columns=LIVE_COLUMNS)
    frame["updated_at"] = pd.to_datetime(frame["updated_at"], utc=True, format="ISO8601").dt.tz_localize(None)
    frame["planned_completion"] = pd.to_datetime(frame["planned_completion"], errors="coerce")
    return pd.concat([frame.drop(columns=["passport"]), passport_ranks(frame["passport"])], axis=1)


def _execution_pair():
    """Allocated and spent for the live map, which adds them up per district into spent ÷ allocated.

    The map's pack has no "unknown" money: an object missing either amount sends 0 for both, so
    it is left out of the map's execution as it is out of every other (an unknown is never a 0
    beside a known spent amount). Totals and tables read `tracker.storage.queries`, which keeps
    NULL.
    """
    known = and_(facilities.c.budget_allocated_tiyn.is_not(None), facilities.c.budget_spent_tiyn.is_not(None))
    return (
        case((known, facilities.c.budget_allocated_tiyn), else_=0).label("budget_allocated_tiyn"),
        case((known, facilities.c.budget_spent_tiyn), else_=0).label("budget_spent_tiyn"),
    )


def live_totals(conn: Connection) -> tuple[int, int]:
    """How many live objects there are and the sum of their versions: a cheap check of a cache."""
    count, versions = conn.execute(
        select(func.count(), func.coalesce(func.sum(facilities.c.version), 0)).where(facilities.c.deleted_at.is_(None))
    ).one()
    return int(count), int(versions)
