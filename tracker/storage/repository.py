"""Versioned records: every save names the version it was based on, and writes its history."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic

from sqlalchemy import ColumnElement, Connection, func, insert, select, update

from tracker.domain.errors import ConflictError, NotFound
from tracker.storage import history
from tracker.storage.mapping import EntitySpec, M


@dataclass(frozen=True)
class Stored(Generic[M]):
    """A record as stored: the domain model plus its version and who last changed it."""

    model: M
    version: int
    updated_at: datetime
    updated_by: str
    deleted: bool = False

    @property
    def key(self) -> Any:
        return getattr(self.model, "id", None) or getattr(self.model, "kato", None)


class Repository(Generic[M]):
    """Reads and writes one kind of record inside the caller's transaction.

    Every write calls ``on_write``: the unit of work then bumps the data version at commit, so
    no service has to remember it.
    """

    def __init__(self, conn: Connection, spec: EntitySpec[M], on_write=lambda: None):
        self.conn = conn
        self.spec = spec
        self.table = spec.table
        self.key_col = spec.table.c[spec.key]
        self._on_write = on_write

    # --- reading ----------------------------------------------------------------------------
    def get(self, key: Any, include_deleted: bool = False) -> Stored[M] | None:
        query = select(self.table).where(self.key_col == key)
        if not include_deleted:
            query = query.where(self.table.c.deleted_at.is_(None))
        row = self.conn.execute(query).mappings().first()
        return self._stored(row) if row else None

    def require(self, key: Any) -> Stored[M]:
        found = self.get(key)
        if found is None:
            raise NotFound(self.spec.record, key)
        return found

    def ensure_version(self, stored: Stored[M], seen_version: int) -> None:
        """Refuse (ConflictError) when the caller's view, ``seen_version``, is no longer current."""
        if stored.version != seen_version:
            raise self._conflict(seen_version, stored)

    def one(self, *where: ColumnElement[bool], include_deleted: bool = False) -> Stored[M] | None:
        """The record matching ``where`` (a unique column, such as a user name), if any."""
        found = self.all(*where, include_deleted=include_deleted)
        return found[0] if found else None

    def all(self, *where: ColumnElement[bool], include_deleted: bool = False) -> list[Stored[M]]:
        query = select(self.table).where(*where).order_by(self.key_col)
        if not include_deleted:
            query = query.where(self.table.c.deleted_at.is_(None))
        return [self._stored(row) for row in self.conn.execute(query).mappings()]

    def count(self, *where: ColumnElement[bool]) -> int:
        query = select(func.count()).select_from(self.table).where(self.table.c.deleted_at.is_(None), *where)
        return self.conn.execute(query).scalar_one()

    def history(self, key: Any) -> list[history.HistoryEntry]:
        return history.read(self.conn, self.spec.name, key)

    def replay(self, key: Any) -> tuple[M, bool]:
        """The record rebuilt from its history alone, and whether it ends deleted."""
        entries = self.history(key)
        if not entries:
            raise NotFound(self.spec.record, key)
        state, deleted = history.replay(entries)
        return self.spec.from_snapshot(state, key), deleted

    # --- writing ----------------------------------------------------------------------------
    def add(self, model: M, actor: str, comment: str | None = None) -> Any:
        return self.add_many([model], actor, comment)[0]

    def add_many(self, models: Sequence[M], actor: str, comment: str | None = None) -> list[Any]:
        """Insert records, each with a creation history row; returns their keys in order."""
        if not models:
            return []
        at = history.now()
        rows = [self.spec.to_row(m) | self._stamp(actor, at, version=1) for m in models]
        if self.spec.key == "id":
            stmt = insert(self.table).returning(self.key_col, sort_by_parameter_order=True)
            keys = list(self.conn.execute(stmt, rows).scalars())
        else:
            self.conn.execute(insert(self.table), rows)
            keys = [r[self.spec.key] for r in rows]
        change_id = str(uuid.uuid4())
        history_rows = [
            {
                "change_id": change_id,
                "entity": self.spec.name,
                "entity_id": str(key),
                "version": 1,
                "field": history.CREATED,
                "old_value": None,
                "new_value": history._dump(self.spec.snapshot(model)),
                "actor": actor,
                "at": at,
                "comment": comment,
            }
            for key, model in zip(keys, models)
        ]
        self.conn.execute(insert(history.history), history_rows)
        self._on_write()
        return keys

    def update(self, key: Any, new: M, seen_version: int, actor: str, comment: str | None = None) -> Stored[M]:
        """Save ``new`` over the record if it is still at ``seen_version``; else ConflictError."""
        current = self.require(key)
        if current.version != seen_version:
            raise self._conflict(seen_version, current)
        if self.spec.key == "id":
            new = new.model_copy(update={"id": key})
        changes = self.spec.changes(current.model, new)
        if not changes:
            return current
        at = history.now()
        values = self.spec.to_row(new) | self._stamp(actor, at, version=seen_version + 1)
        values.pop(self.spec.key, None)
        self._guarded_update(key, seen_version, values)
        history.write(
            self.conn,
            change_id=str(uuid.uuid4()),
            entity=self.spec.name,
            entity_id=key,
            version=seen_version + 1,
            changes=changes,
            actor=actor,
            at=at,
            comment=comment,
        )
        self._on_write()
        return Stored(new, seen_version + 1, at, actor)

    def soft_delete(self, key: Any, seen_version: int, actor: str, comment: str | None = None) -> None:
        current = self.require(key)
        if current.version != seen_version:
            raise self._conflict(seen_version, current)
        at = history.now()
        self._guarded_update(key, seen_version, self._stamp(actor, at, seen_version + 1) | {"deleted_at": at})
        history.write(
            self.conn,
            change_id=str(uuid.uuid4()),
            entity=self.spec.name,
            entity_id=key,
            version=seen_version + 1,
            changes={history.DELETED: (None, at.isoformat())},
            actor=actor,
            at=at,
            comment=comment,
        )
        self._on_write()

    def restore(self, key: Any, actor: str, comment: str | None = None) -> None:
        current = self.get(key, include_deleted=True)
        if current is None or not current.deleted:
            raise NotFound(self.spec.record, key)
        at = history.now()
        self.conn.execute(
            update(self.table)
            .where(self.key_col == key, self.table.c.version == current.version)
            .values(self._stamp(actor, at, current.version + 1) | {"deleted_at": None})
        )
        history.write(
            self.conn,
            change_id=str(uuid.uuid4()),
            entity=self.spec.name,
            entity_id=key,
            version=current.version + 1,
            changes={history.RESTORED: (None, at.isoformat())},
            actor=actor,
            at=at,
            comment=comment,
        )
        self._on_write()

    # --- helpers ----------------------------------------------------------------------------
    def _guarded_update(self, key: Any, seen_version: int, values: dict[str, Any]) -> None:
        # The WHERE on the version is what stops a lost update: a concurrent save that got
        # there first has moved the version on, so this one matches no row.
        result = self.conn.execute(
            update(self.table)
            .where(self.key_col == key, self.table.c.version == seen_version, self.table.c.deleted_at.is_(None))
            .values(values)
        )
        if result.rowcount != 1:
            latest = self.get(key)
            if latest is None:
                raise NotFound(self.spec.record, key)
            raise self._conflict(seen_version, latest)

    def _conflict(self, seen_version: int, current: Stored[M]) -> ConflictError:
        """The refusal of a stale save, naming the record as a person knows it, with its current values."""
        named = self.spec.name_of(current.model)
        return ConflictError(self.spec.record, named, seen_version, current.version, self.spec.snapshot(current.model))

    @staticmethod
    def _stamp(actor: str, at: datetime, version: int) -> dict[str, Any]:
        return {"version": version, "updated_at": at, "updated_by": actor} | (
            {"created_at": at} if version == 1 else {}
        )

    def _stored(self, row) -> Stored[M]:
        return Stored(
            model=self.spec.from_row(dict(row)),
            version=row["version"],
            updated_at=history.utc(row["updated_at"]),
            updated_by=row["updated_by"],
            deleted=row["deleted_at"] is not None,
        )
