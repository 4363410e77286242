"""Site audits: the checklist's answers evaluated into a monitoring visit, answers kept with it.

The visit's zone findings are the evaluator's states, so claimed vs verified and the
discrepancy view use an audit like any visit; the checklist version and every answer are
stored with it (``visits.audit``) and so reach the history in the same transaction.
"""

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from tracker.domain.checklist import Verdict, by_version, clean_answers, evaluate, load
from tracker.domain.errors import NotFound, RuleViolation
from tracker.domain.proposal import passport_fingerprint
from tracker.domain.rules import Record
from tracker.domain.visit import PassportProposal, SiteAudit, Visit
from tracker.services.actor import Actor, Role
from tracker.services.evidence import Upload
from tracker.services.permissions import Action
from tracker.services.visits import record_visit


def record_audit(
    db,
    actor: Actor,
    facility_id: int,
    visited_on: date,
    organisation: str,
    answers: dict[str, dict[str, Any]],
    photos: Sequence[Upload] = (),
    comment: str | None = None,
    root: Path | None = None,
) -> tuple[int, Verdict]:
    """Evaluate the answers with the current checklist and store them as a visit; (visit id, verdict)."""
    checklist = load()
    photos = [without_metadata(p) for p in photos]
    clean = clean_answers(checklist, answers)
    verdict = evaluate(checklist, clean)
    if not verdict.matrix:
        raise RuleViolation("visit.no_findings")
    proposal = proposal_for(db, actor, facility_id)
    visit = Visit(
        facility_id=facility_id,
        visited_on=visited_on,
        organisation=organisation,
        zone_findings=verdict.zone_findings,
        comment=comment,
        audit=SiteAudit(checklist_version=checklist.version, answers=clean, proposal=proposal),
    )
    action = Action.EDIT_FACILITY if proposal else Action.RECORD_VISIT
    return record_visit(db, actor, visit, photos, root, action), verdict


def proposal_for(db, actor: Actor, facility_id: int) -> PassportProposal | None:
    """District staff's audit is a proposed passport update, laid over the passport as it is now."""
    if actor.role != Role.DISTRICT_EDITOR:
        return None
    with db.read() as st:
        stored = st.facilities.get(facility_id)
    if stored is None:
        raise NotFound(Record.FACILITY, facility_id)
    return PassportProposal(
        proposed_by=actor.name, base_version=stored.version, base_passport=passport_fingerprint(stored.model)
    )


def audit_verdict(audit: SiteAudit | dict) -> Verdict:
    """The verdict of a stored audit, with the checklist version it was answered with."""
    audit = audit if isinstance(audit, SiteAudit) else SiteAudit.model_validate(audit)
    checklist = by_version(audit.checklist_version)
    return evaluate(checklist, clean_answers(checklist, audit.answers))


def without_metadata(upload: Upload) -> Upload:
    """The photo re-encoded without EXIF (GPS position, camera, time) or text chunks, turned upright.

    A file Pillow cannot read is passed on unchanged: the evidence store refuses it with its reason.
    """
    try:
        with Image.open(io.BytesIO(upload.data)) as image:
            kind = image.format
            if kind not in ("JPEG", "PNG", "WEBP"):
                return upload
            upright = ImageOps.exif_transpose(image)
            pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
            out = io.BytesIO()
            pixels.save(out, kind, **({"quality": 90} if kind == "JPEG" else {}))
    except (UnidentifiedImageError, OSError, ValueError):
        return upload
    return replace(upload, data=out.getvalue())
