"""Drafts: a form's unsaved input per person, form and object. Not register data.

Like sign-in state, writing a draft never moves the data version (typing must not throw away
every page's cache) and keeps no history; saving or cancelling the form deletes it.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from tracker.storage.tables import drafts


class DraftStore:
    def __init__(self, conn: Connection):
        self.conn = conn

    def get(self, user_id: int, form: str, object_key: str) -> dict[str, Any] | None:
        return self.conn.execute(
            select(drafts.c.payload).where(
                drafts.c.user_id == user_id, drafts.c.form == form, drafts.c.object_key == object_key
            )
        ).scalar()

    def put(self, user_id: int, form: str, object_key: str, payload: dict[str, Any], at: datetime) -> None:
        where = (drafts.c.user_id == user_id, drafts.c.form == form, drafts.c.object_key == object_key)
        changed = self.conn.execute(update(drafts).where(*where).values(payload=payload, updated_at=at)).rowcount
        if not changed:
            self.conn.execute(
                insert(drafts).values(user_id=user_id, form=form, object_key=object_key, payload=payload, updated_at=at)
            )

    def drop(self, user_id: int, form: str, object_key: str) -> None:
        self.conn.execute(
            delete(drafts).where(drafts.c.user_id == user_id, drafts.c.form == form, drafts.c.object_key == object_key)
        )
