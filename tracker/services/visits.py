"""Monitoring visits by NGOs: what they found on site, with photos; never a change to official data."""

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from tracker.domain.visit import Visit
from tracker.services.actor import Actor
from tracker.services.evidence import Upload, discard, evidence_root, oblast_of_facility, store
from tracker.services.permissions import SCOPED, Action, allowed, require
from tracker.storage.database import Database
from tracker.storage.tables import visits

VISIT_COLUMNS = [
    "id",
    "facility_id",
    "visited_on",
    "organisation",
    "findings",
    "zone_findings",
    "zone_notes",
    "comment",
    "demo",
    "recorded_by",
    "audit",
]


def record_visit(
    db: Database,
    actor: Actor,
    data: Visit | dict[str, Any],
    photos: Sequence[Upload] = (),
    root: Path | None = None,
    action: Action = Action.RECORD_VISIT,
) -> int:
    """Store a visit and its photos in one transaction; returns the visit's id.

    ``action`` is the right it needs: recording a visit, or (a district's passport proposal)
    editing the object's district, checked against the object's place.
    """
    if action not in SCOPED:
        require(actor, action)
    visit = data if isinstance(data, Visit) else Visit.model_validate(data)
    root = root or evidence_root()
    written: list[Path] = []
    try:
        with db.write() as uow:
            district, oblast = oblast_of_facility(uow, visit.facility_id)  # the object must exist and be live
            require(actor, action, district, oblast)
            visit_id = uow.visits.add(visit, actor.name, visit.comment)
            for photo in photos:
                store(uow, actor, visit.facility_id, "visit", photo, root, written, visit_id, photo.comment)
            uow.commit()
    except BaseException:
        discard(written)
        raise
    return visit_id


def visits_frame(conn: Connection, facility_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Live visits, newest first; ``findings``, ``zone_findings`` and ``zone_notes`` stay dicts."""
    query = select(
        visits.c.id,
        visits.c.facility_id,
        visits.c.visited_on,
        visits.c.organisation,
        visits.c.findings,
        visits.c.zone_findings,
        visits.c.zone_notes,
        visits.c.comment,
        visits.c.demo,
        visits.c.updated_by.label("recorded_by"),
        visits.c.audit,
    ).where(visits.c.deleted_at.is_(None))
    if facility_ids is not None:
        query = query.where(visits.c.facility_id.in_(list(facility_ids)))
    rows = conn.execute(query.order_by(visits.c.visited_on.desc(), visits.c.id.desc())).all()
    frame = pd.DataFrame(rows, columns=VISIT_COLUMNS)
    frame["visited_on"] = [d if isinstance(d, date) else date.fromisoformat(str(d)) for d in frame["visited_on"]]
    return frame


def visits_for(db: Database, actor: Actor, facility_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Visits as ``actor`` may see them: the public view gets no names of people."""
    require(actor, Action.VIEW)
    with db.read() as st:
        frame = visits_frame(st.conn, facility_ids)
    if not allowed(actor, Action.VIEW_PERSONAL):
        frame["recorded_by"] = None
    return frame
