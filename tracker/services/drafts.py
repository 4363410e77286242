"""Drafts: a form's unsaved input kept on the server, so a reload or a lost connection keeps it.

Keyed by the signed-in person, the form and the object; written without touching the register
(no version, no history, the data version stays); deleted when the form is saved or cancelled.
A draft belongs to its person only: nobody else reads it, and signing out does not delete it.
"""

import json
from typing import Any

from tracker.services.actor import Actor
from tracker.storage.database import Database
from tracker.storage.history import now as utc_now

#: A draft larger than this (as JSON) is not kept: a form's input is far smaller.
MAX_BYTES = 64_000


def load(db: Database, actor: Actor, form: str, object_key: str) -> dict[str, Any] | None:
    if actor.user_id is None:
        return None
    with db.read() as store:
        return store.drafts.get(actor.user_id, form, str(object_key))


def keep(db: Database, actor: Actor, form: str, object_key: str, payload: dict[str, Any]) -> bool:
    """Keep (or replace) the draft; False when there is nobody to keep it for or it is too big."""
    if actor.user_id is None or len(json.dumps(payload, ensure_ascii=False)) > MAX_BYTES:
        return False
    with db.write() as uow:
        uow.drafts.put(actor.user_id, form, str(object_key), payload, utc_now())
        uow.commit()
    return True


def drop(db: Database, actor: Actor, form: str, object_key: str) -> None:
    if actor.user_id is None:
        return
    with db.write() as uow:
        uow.drafts.drop(actor.user_id, form, str(object_key))
        uow.commit()
