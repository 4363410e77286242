"""A proposed passport update: a district's site audit laid over the object's passport matrix.

The audit's zone × category states replace the current states of the zones and categories it
assessed; targets, measures and every zone or category the audit did not assess stay as they are.
"""

import hashlib
import json
from dataclasses import dataclass

from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.passport import CATEGORIES, Matrix, Zone, ZoneAssessment, ZoneState


@dataclass(frozen=True)
class Change:
    """One zone for one category: the passport's current state and the audit's."""

    zone: Zone
    category: DisabilityCategory
    before: PassportState | None
    after: PassportState

    @property
    def changed(self) -> bool:
        return self.before != self.after


def proposed_zones(current: Matrix, found: dict[Zone, dict[DisabilityCategory, PassportState]]) -> Matrix:
    """The passport matrix once the audit's findings are taken as the current states."""
    zones: Matrix = {zone: assessment.model_copy(deep=True) for zone, assessment in current.items()}
    for zone, per in found.items():
        assessment = zones.get(zone) or ZoneAssessment()
        states = dict(assessment.states)
        for category, state in per.items():
            old = states.get(category) or ZoneState()
            states[category] = ZoneState(current=state, target=old.target)
        zones[zone] = assessment.model_copy(update={"states": states})
    return {zone: zones[zone] for zone in Zone if zone in zones}


def changes(current: Matrix, found: dict[Zone, dict[DisabilityCategory, PassportState]]) -> list[Change]:
    """Every zone × category the audit assessed, in passport order, with the state before it."""
    out = []
    for zone in Zone:
        per = found.get(zone) or {}
        for category in CATEGORIES:
            if category in per:
                held = current.get(zone)
                before = held.states[category].current if held and category in held.states else None
                out.append(Change(zone, category, before, per[category]))
    return out


def passport_fingerprint(facility) -> str:
    """A short digest of the object's passport (summary and zones): equal digests, same passport."""
    dumped = facility.model_dump(mode="json", include={"passport", "passport_zones"})
    for entry in (dumped.get("passport") or {}).values():
        entry.pop("assessed_on", None)
    text = json.dumps(dumped, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
