"""Passport proposals: a district's site audit that a programme manager confirms or rejects.

District staff (a district editor of the object's district) submitting an audit put forward its
zone × category states as the object's passport (``tracker.services.audits.record_audit``). A
manager of the object's oblast (or an administrator) confirms it — the passport becomes the
proposal's through the object's one versioned write, its history naming the audit — or rejects
it with a reason. A proposal laid over a passport that has changed since is refused as stale.
"""

from dataclasses import dataclass
from datetime import date

from tracker.domain import calendar
from tracker.domain.errors import NotFound, RuleViolation
from tracker.domain.facility import Facility
from tracker.domain.proposal import Change, changes, passport_fingerprint, proposed_zones
from tracker.domain.rules import Record
from tracker.domain.visit import Visit
from tracker.services.actor import Actor
from tracker.services.evidence import oblast_of_facility
from tracker.services.permissions import Action, allowed, require
from tracker.storage.database import Database
from tracker.storage.repository import Stored
from tracker.storage.tables import visits
from tracker.storage.unit_of_work import Store


@dataclass(frozen=True)
class Proposal:
    """A pending proposal as a manager sees it: the audit, the object, what would change."""

    visit_id: int
    visit_version: int
    facility: Facility
    facility_version: int
    visit: Visit
    changes: list[Change]
    stale: bool

    @property
    def proposed_by(self) -> str:
        return self.visit.audit.proposal.proposed_by


def _pending(visit: Visit) -> bool:
    return bool(visit.audit and visit.audit.proposal and visit.audit.proposal.status == "pending")


def _view(store: Store, stored: Stored[Visit]) -> Proposal | None:
    facility = store.facilities.get(stored.model.facility_id)
    if facility is None:
        return None
    visit = stored.model
    return Proposal(
        visit_id=visit.id,
        visit_version=stored.version,
        facility=facility.model,
        facility_version=facility.version,
        visit=visit,
        changes=changes(facility.model.passport_zones, visit.zone_findings),
        stale=passport_fingerprint(facility.model) != visit.audit.proposal.base_passport,
    )


def pending_proposals(db: Database, actor: Actor) -> list[Proposal]:
    """The pending proposals on objects in ``actor``'s scope that ``actor`` may decide, oldest first."""
    require(actor, Action.VIEW_PERSONAL)
    out = []
    with db.read() as st:
        for stored in st.visits.all(visits.c.audit.is_not(None)):
            if not _pending(stored.model):
                continue
            try:
                district, oblast = oblast_of_facility(st, stored.model.facility_id)
            except NotFound:
                continue
            if allowed(actor, Action.ACCEPT, district, oblast):
                view = _view(st, stored)
                if view is not None:
                    out.append(view)
    return sorted(out, key=lambda p: (p.visit.visited_on, p.visit_id))


def _decidable(store: Store, actor: Actor, visit_id: int, seen_version: int) -> Stored[Visit]:
    stored = store.visits.get(visit_id)
    if stored is None or not (stored.model.audit and stored.model.audit.proposal):
        raise NotFound(Record.VISIT, visit_id)
    district, oblast = oblast_of_facility(store, stored.model.facility_id)
    require(actor, Action.ACCEPT, district, oblast)
    store.visits.ensure_version(stored, seen_version)
    proposal = stored.model.audit.proposal
    if proposal.status != "pending":
        raise RuleViolation("proposal.decided", visit=visit_id, status=proposal.status)
    if proposal.proposed_by == actor.name:
        raise RuleViolation("proposal.own", visit=visit_id)
    return stored


def _decided(visit: Visit, actor: Actor, status: str, today: date, reason: str | None = None) -> Visit:
    proposal = visit.audit.proposal.model_copy(
        update={"status": status, "decided_by": actor.name, "decided_on": today, "reason": reason}
    )
    audit = visit.audit.model_copy(update={"proposal": proposal})
    return Visit.model_validate(visit.model_dump() | {"audit": audit.model_dump()})


def confirm_proposal(
    db: Database, actor: Actor, visit_id: int, seen_version: int, comment: str | None = None
) -> Stored[Facility]:
    """Make the proposal's states the object's passport; ``comment`` goes into the object's history.

    The history comment always names the audit (``audit #<visit id>``).
    """
    named = f"audit #{visit_id}" + (f": {comment.strip()}" if comment and comment.strip() else "")
    with db.write() as uow:
        stored = _decidable(uow, actor, visit_id, seen_version)
        visit = stored.model
        facility = uow.facilities.require(visit.facility_id)
        if passport_fingerprint(facility.model) != visit.audit.proposal.base_passport:
            raise RuleViolation("proposal.stale", visit=visit_id, facility=visit.facility_id)
        zones = proposed_zones(facility.model.passport_zones, visit.zone_findings)
        data = facility.model.model_dump() | {"passport_zones": {z: a.model_dump() for z, a in zones.items()}}
        saved = uow.facilities.update(
            visit.facility_id, Facility.model_validate(data), facility.version, actor.name, named
        )
        uow.visits.update(
            visit_id, _decided(visit, actor, "confirmed", calendar.today()), stored.version, actor.name, named
        )
        uow.commit()
    return saved


def reject_proposal(db: Database, actor: Actor, visit_id: int, seen_version: int, reason: str) -> None:
    """Turn the proposal down with a reason; the passport stays as it is, the audit stays a visit."""
    if not (reason and reason.strip()):
        raise RuleViolation("proposal.needs_reason")
    with db.write() as uow:
        stored = _decidable(uow, actor, visit_id, seen_version)
        decided = _decided(stored.model, actor, "rejected", calendar.today(), reason.strip())
        uow.visits.update(visit_id, decided, stored.version, actor.name, reason.strip())
        uow.commit()
