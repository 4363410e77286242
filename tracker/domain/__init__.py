"""Pydantic models and pure rules of the programme; imports nothing from storage or UI."""

from tracker.domain.district import District
from tracker.domain.enums import (
    DisabilityCategory,
    FundingSource,
    Measure,
    Ownership,
    PassportState,
    RefusalReason,
    RehabKind,
    RehabStatus,
    Sector,
    Stage,
    TargetGroup,
)
from tracker.domain.errors import ConflictError, NotFound, PermissionDenied, RuleViolation, TrackerError
from tracker.domain.facility import Facility, PassportEntry
from tracker.domain.figures import SourcedFigure
from tracker.domain.invataxi import InvataxiReport
from tracker.domain.money import Budget
from tracker.domain.rehab import RehabCenter

__all__ = [
    "Budget",
    "ConflictError",
    "DisabilityCategory",
    "District",
    "Facility",
    "FundingSource",
    "InvataxiReport",
    "Measure",
    "NotFound",
    "Ownership",
    "PassportEntry",
    "PassportState",
    "PermissionDenied",
    "RefusalReason",
    "RehabCenter",
    "RehabKind",
    "RehabStatus",
    "RuleViolation",
    "Sector",
    "SourcedFigure",
    "Stage",
    "TargetGroup",
    "TrackerError",
]
