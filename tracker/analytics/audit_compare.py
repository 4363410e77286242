"""Two site audits of one object side by side: the state then and now, reasons fixed and new.

A reason is the same reason in both audits when it names the same zone, category and question
(its measured value may differ). The measures recorded in between come from the object's
history: measures marked done on a zone between the two audit dates (both days included).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tracker.domain.checklist.evaluate import Reason, Verdict
from tracker.domain.enums import DisabilityCategory, Measure, PassportState
from tracker.domain.passport import CATEGORIES, Zone


@dataclass(frozen=True)
class Row:
    zone: Zone
    category: DisabilityCategory
    then: PassportState | None
    now: PassportState | None

    @property
    def trend(self) -> str:
        """``better``, ``worse``, ``same``, or ``new``/``gone`` when only one audit assessed it."""
        if self.then is None:
            return "new"
        if self.now is None:
            return "gone"
        if self.now.rank < self.then.rank:
            return "better"
        return "worse" if self.now.rank > self.then.rank else "same"


@dataclass(frozen=True)
class MeasureDone:
    on: date
    zone: Zone
    measure: Measure


@dataclass(frozen=True)
class Comparison:
    rows: list[Row]
    fixed: list[Reason]
    appeared: list[Reason]
    measures: list[MeasureDone]


def _key(reason: Reason) -> tuple[Zone, DisabilityCategory, str]:
    return reason.zone, reason.category, reason.question


def _state(verdict: Verdict, zone: Zone, category: DisabilityCategory) -> PassportState | None:
    assessed = verdict.matrix.get(zone)
    state = assessed.states.get(category) if assessed else None
    return state.current if state else None


def compare_audits(
    older: Verdict,
    newer: Verdict,
    measures: Iterable[MeasureDone] = (),
    since: date | None = None,
    until: date | None = None,
) -> Comparison:
    """``older`` then, ``newer`` now; ``measures`` kept when dated within ``since``…``until``."""
    rows = [
        Row(zone, category, _state(older, zone, category), _state(newer, zone, category))
        for zone in Zone
        for category in CATEGORIES
        if _state(older, zone, category) is not None or _state(newer, zone, category) is not None
    ]
    before, after = {_key(r) for r in older.reasons}, {_key(r) for r in newer.reasons}
    between = [m for m in measures if (since is None or m.on >= since) and (until is None or m.on <= until)]
    return Comparison(
        rows=rows,
        fixed=[r for r in older.reasons if _key(r) not in after],
        appeared=[r for r in newer.reasons if _key(r) not in before],
        measures=sorted(between, key=lambda m: (m.on, list(Zone).index(m.zone))),
    )


def measures_from_changes(changes: Iterable) -> list[MeasureDone]:
    """Measures marked done per zone, from the object's change log (``field``, ``old``, ``new``, ``at``).

    Only additions count: ``passport_zones.<zone>.measures_done`` growing by a measure on a day.
    """
    out = []
    for change in changes:
        parts = change.field.split(".")
        if len(parts) != 3 or parts[0] != "passport_zones" or parts[2] != "measures_done":
            continue
        try:
            zone = Zone(parts[1])
        except ValueError:
            continue
        old, new = set(change.old or []), change.new or []
        on = change.local_time.date() if hasattr(change, "local_time") else change.at.date()
        for value in new:
            if value not in old:
                try:
                    out.append(MeasureDone(on, zone, Measure(value)))
                except ValueError:
                    continue
    return out
