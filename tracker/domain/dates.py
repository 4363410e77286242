"""Dates a person may record on an object: nothing before 2000, no actual date in the future.

"Today" is Kazakhstan's day (``tracker.domain.calendar``); the planned completion stays within
the programme's horizon, a setting (``TRACKER_PROGRAMME_LAST_YEAR``). Only dates a change sets
or alters are checked, so an object stored before a rule existed can still be edited.
"""

from collections.abc import Iterator
from datetime import date

from tracker.domain.errors import RuleViolation
from tracker.domain.facility import Facility

EARLIEST = date(2000, 1, 1)


def _actual_dates(facility: Facility) -> Iterator[tuple[str, date]]:
    """Dates of things that have happened: completion, stage moves, passport assessments."""
    if facility.actual_completion:
        yield "actual_completion", facility.actual_completion
    for stage, day in facility.stage_dates.items():
        yield f"stage_dates.{stage.value}", day
    for category, entry in facility.passport.items():
        if entry.assessed_on:
            yield f"passport.{category.value}.assessed_on", entry.assessed_on


def _all_dates(facility: Facility) -> dict[str, date]:
    found = dict(_actual_dates(facility))
    if facility.planned_completion:
        found["planned_completion"] = facility.planned_completion
    return found


def check_dates(new: Facility, old: Facility | None, today: date, last_year: int) -> None:
    """Raise RuleViolation for the first date ``new`` sets (or changes from ``old``) that breaks a rule."""
    before = _all_dates(old) if old is not None else {}
    changed = {k: v for k, v in _all_dates(new).items() if before.get(k) != v}
    for day in changed.values():
        if day < EARLIEST:
            raise RuleViolation("date.too_early", value=day, earliest=EARLIEST)
    for field, day in _actual_dates(new):
        if field in changed and day > today:
            raise RuleViolation("date.in_future", value=day, today=today)
    planned = changed.get("planned_completion")
    if planned is not None and planned.year > last_year:
        raise RuleViolation("date.beyond_horizon", value=planned, last_year=last_year)
