"""After a load or a crash: is every object exactly what its history says, and nothing more?"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select

from tracker.storage import history as hist
from tracker.storage.mapping import FACILITY
from tracker.storage.tables import history
from tracker.storage.unit_of_work import reading


@dataclass(frozen=True)
class ObjectAudit:
    """One object's stored state held against its history."""

    facility_id: int
    version: int
    state: dict  # the stored record, flattened as history records it
    replay_matches: bool  # the record rebuilt from history alone equals the stored one
    versions_in_order: bool  # versions 1..N each written by exactly one change
    changes: dict[int, dict] = field(default_factory=dict)  # version → {field: new value}

    @property
    def sound(self) -> bool:
        return self.replay_matches and self.versions_in_order


def audit_objects(engine: Engine, ids: Iterable[int]) -> dict[int, ObjectAudit]:
    """Read each object and its history in one snapshot and compare them."""
    audits = {}
    with reading(engine) as store:
        for fid in ids:
            current = store.facilities.get(fid, include_deleted=True)
            entries = store.facilities.history(fid)
            if current is None:
                audits[fid] = ObjectAudit(fid, 0, {}, replay_matches=not entries, versions_in_order=not entries)
                continue
            replayed, _deleted = store.facilities.replay(fid)
            state = FACILITY.snapshot(current.model)
            changes: dict[int, dict] = {}
            change_ids: dict[int, set[str]] = {}
            for entry in entries:
                change_ids.setdefault(entry.version, set()).add(entry.change_id)
                changes.setdefault(entry.version, {})[entry.field] = entry.new
            in_order = sorted(change_ids) == list(range(1, current.version + 1)) and all(
                len(ids_) == 1 for ids_ in change_ids.values()
            )
            audits[fid] = ObjectAudit(fid, current.version, state, replayed == current.model, in_order, changes)
    return audits


def count_rows(engine: Engine, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(history).where(*where)).scalar_one()


def history_created_for(engine: Engine, comment: str) -> int:
    """History rows of records created with ``comment`` (an import's or a demo load's label)."""
    return count_rows(engine, history.c.field == hist.CREATED, history.c.comment == comment)
