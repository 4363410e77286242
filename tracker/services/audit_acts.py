"""The printable act of a submitted site audit, from the stored visit, its object and its photos.

The act carries photos, so it is for signed-in people (and the command line); the assessor's own
name goes on it only when the person asking recorded the audit and chose to sign it by name.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tracker.domain.errors import NotFound, RuleViolation
from tracker.domain.passport import Zone
from tracker.domain.rules import Record
from tracker.io.audit_act import ActData, ActPhoto, render_act
from tracker.services.actor import Actor
from tracker.services.evidence import file_bytes, list_evidence
from tracker.services.permissions import Action, require
from tracker.storage.database import Database

FORMATS = ("html", "pdf")
MIME = {"html": "text/html", "pdf": "application/pdf"}


@dataclass(frozen=True)
class Act:
    data: bytes
    filename: str
    mime: str


def photo_zone(comment: str | None) -> Zone | None:
    """The zone a photo was attached at, kept in its evidence comment as ``zone:<zone>``."""
    if comment and comment.startswith("zone:"):
        try:
            return Zone(comment[5:])
        except ValueError:
            return None
    return None


def act_data(db: Database, actor: Actor, visit_id: int, with_name: bool = False, root: Path | None = None) -> ActData:
    """What the act shows, read from the stored visit; NotFound for a visit that is not an audit."""
    require(actor, Action.VIEW_PERSONAL)
    with db.read() as store:
        stored = store.visits.get(visit_id)
        if stored is None or stored.model.audit is None:
            raise NotFound(Record.VISIT, visit_id)
        visit = stored.model
        facility = store.facilities.get(visit.facility_id, include_deleted=True)
        if facility is None:
            raise NotFound(Record.FACILITY, visit.facility_id)
        district = store.districts.get(facility.model.district_kato)
        assessor = None
        if with_name and actor.user_id is not None and stored.updated_by == actor.name:
            person = store.users.get(actor.user_id)
            assessor = person.model.display_name if person is not None else None
    photos = []
    for item in list_evidence(db, visit.facility_id, visit_id=visit_id):
        thumb = file_bytes(item, root, thumbnail=True) if item.is_image else None
        if thumb:
            photos.append(ActPhoto(item.filename, thumb, photo_zone(item.comment)))
    return ActData(
        visit_id=visit_id,
        facility=facility.model,
        district=district.model if district is not None else None,
        visited_on=visit.visited_on,
        organisation=visit.organisation,
        audit=visit.audit,
        generated_at=datetime.now(UTC),
        comment=visit.comment,
        photos=photos,
        assessor=assessor,
        demo=visit.demo,
    )


def audit_act(
    db: Database,
    actor: Actor,
    visit_id: int,
    lang: str,
    fmt: str = "html",
    with_name: bool = False,
    root: Path | None = None,
) -> Act:
    """The act of audit ``visit_id`` as an HTML page (print CSS, A4) or its PDF."""
    if fmt not in FORMATS:
        raise RuleViolation("export.format", what="audit-act", formats=", ".join(FORMATS))
    html = render_act(act_data(db, actor, visit_id, with_name, root), lang)
    if fmt == "html":
        data = html.encode("utf-8")
    else:
        from tracker.io.report import to_pdf

        data = to_pdf(html)
    return Act(data, f"audit-act-{visit_id}-{lang}.{fmt}", MIME[fmt])
