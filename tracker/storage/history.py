"""The append-only change log: one row per changed field, written with the change itself."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from tracker.storage.tables import history

CREATED = "*created"
DELETED = "*deleted"
RESTORED = "*restored"
#: ``old_value``/``new_value`` of NULL mean "the field was absent"; JSON ``null`` means None.
ABSENT = object()


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    change_id: str
    entity: str
    entity_id: str
    version: int
    field: str
    old: Any
    new: Any
    actor: str
    at: datetime
    comment: str | None


def now() -> datetime:
    return datetime.now(UTC)


def _dump(value: Any) -> str | None:
    return None if value is ABSENT else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _load(text: str | None) -> Any:
    return ABSENT if text is None else json.loads(text)


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Fields whose value differs, as ``field → (old, new)``; a missing side is ``ABSENT``."""
    changes = {}
    for field in sorted(old.keys() | new.keys()):
        before, after = old.get(field, ABSENT), new.get(field, ABSENT)
        if before != after:
            changes[field] = (before, after)
    return changes


def write(
    conn: Connection,
    *,
    change_id: str,
    entity: str,
    entity_id: Any,
    version: int,
    changes: dict[str, tuple[Any, Any]],
    actor: str,
    at: datetime,
    comment: str | None,
) -> None:
    rows = [
        {
            "change_id": change_id,
            "entity": entity,
            "entity_id": str(entity_id),
            "version": version,
            "field": field,
            "old_value": _dump(before),
            "new_value": _dump(after),
            "actor": actor,
            "at": at,
            "comment": comment,
        }
        for field, (before, after) in changes.items()
    ]
    if rows:
        conn.execute(insert(history), rows)


def read(conn: Connection, entity: str, entity_id: Any) -> list[HistoryEntry]:
    query = (
        select(history)
        .where(history.c.entity == entity, history.c.entity_id == str(entity_id))
        .order_by(history.c.version, history.c.id)
    )
    return [
        HistoryEntry(
            id=r.id,
            change_id=r.change_id,
            entity=r.entity,
            entity_id=r.entity_id,
            version=r.version,
            field=r.field,
            old=_load(r.old_value),
            new=_load(r.new_value),
            actor=r.actor,
            at=utc(r.at),
            comment=r.comment,
        )
        for r in conn.execute(query)
    ]


def replay(entries: list[HistoryEntry]) -> tuple[dict[str, Any], bool]:
    """Rebuild a record's flat snapshot and whether it is deleted, from its history alone."""
    state: dict[str, Any] = {}
    deleted = False
    for entry in entries:
        if entry.field == CREATED:
            state = dict(entry.new)
        elif entry.field == DELETED:
            deleted = True
        elif entry.field == RESTORED:
            deleted = False
        elif entry.new is ABSENT:
            state.pop(entry.field, None)
        else:
            state[entry.field] = entry.new
    return state, deleted


def utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything is written in UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
