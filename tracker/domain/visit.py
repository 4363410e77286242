"""A monitoring visit: what an NGO found on site, per functional zone × passport category."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tracker.domain import calendar
from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.errors import RuleViolation
from tracker.domain.passport import Zone, zone_findings_states

FIRST_VISIT_DAY = date(2021, 1, 1)
AuditAnswer = float | Literal["yes", "no", "na"]


REASON_LIMIT = 2000


class PassportProposal(BaseModel):
    """District staff's audit put forward as the object's passport, until a manager decides."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    proposed_by: str = Field(min_length=1, max_length=200)
    #: The object's version when the audit was submitted: a passport changed since makes it stale.
    base_version: int = Field(ge=1)
    #: Fingerprint of the passport (summary and zones) the audit was laid over.
    base_passport: str = Field(min_length=1, max_length=80)
    status: Literal["pending", "confirmed", "rejected"] = "pending"
    decided_by: str | None = Field(default=None, max_length=200)
    decided_on: date | None = None
    reason: str | None = Field(default=None, max_length=REASON_LIMIT)


class SiteAudit(BaseModel):
    """The answers of a site audit, as given, with the checklist version they answer."""

    model_config = ConfigDict(extra="forbid")

    checklist_version: str = Field(min_length=1, max_length=40)
    answers: dict[Zone, dict[str, AuditAnswer]]
    #: Set when district staff submitted it: a proposed update of the object's passport.
    proposal: PassportProposal | None = None


NOTE_LIMIT = 2000


class Visit(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: int | None = None
    facility_id: int = Field(ge=1)
    visited_on: date
    organisation: str = Field(min_length=1, max_length=300)
    #: Per category: what was found; derived from ``zone_findings`` when those are given.
    findings: dict[DisabilityCategory, PassportState] = Field(default_factory=dict)
    zone_findings: dict[Zone, dict[DisabilityCategory, PassportState]] = Field(default_factory=dict)
    zone_notes: dict[Zone, str] = Field(default_factory=dict)
    comment: str | None = Field(default=None, max_length=4000)
    #: Part of the labelled demo data (the demo's invented NGO), never a real check.
    demo: bool = False
    #: Recorded from the site-audit checklist: its version and every answer, kept in history.
    audit: SiteAudit | None = None

    @field_validator("zone_notes")
    @classmethod
    def _notes(cls, notes: dict[Zone, str]) -> dict[Zone, str]:
        cleaned = {zone: text.strip() for zone, text in notes.items() if text and text.strip()}
        if any(len(text) > NOTE_LIMIT for text in cleaned.values()):
            raise RuleViolation("visit.note_length", limit=NOTE_LIMIT)
        return cleaned

    @field_validator("zone_findings")
    @classmethod
    def _found_zones(cls, found: dict[Zone, dict[DisabilityCategory, PassportState]]):
        return {zone: per for zone, per in found.items() if per}

    @model_validator(mode="after")
    def _dated_and_found(self) -> "Visit":
        if self.zone_findings:
            self.findings = zone_findings_states(self.zone_findings)
        if not FIRST_VISIT_DAY <= self.visited_on <= calendar.today():
            raise RuleViolation("visit.date_range", first=FIRST_VISIT_DAY)
        if not self.findings:
            raise RuleViolation("visit.no_findings")
        return self
