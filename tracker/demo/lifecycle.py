"""The life of a demo object as of a date: its stage, the dates it passed, its money and passport."""

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from tracker.demo.allocation import Table, between
from tracker.domain.enums import (
    MAIN_LINE,
    DisabilityCategory,
    FundingSource,
    Measure,
    PassportState,
    Sector,
    Stage,
)

S = Stage
#: Stage mixes by how many years ago the object's last programme year was (3+ means long done).
STAGE_MIX: dict[int, tuple[tuple[Stage, int], ...]] = {
    3: ((S.ACCEPTED, 890), (S.COMPLETED, 50), (S.POSTPONED, 45), (S.CANCELLED, 15)),
    2: ((S.ACCEPTED, 620), (S.COMPLETED, 220), (S.IN_WORKS, 90), (S.POSTPONED, 55), (S.CANCELLED, 15)),
    1: (
        (S.ACCEPTED, 250),
        (S.COMPLETED, 330),
        (S.IN_WORKS, 280),
        (S.PROCUREMENT, 60),
        (S.DESIGN_ESTIMATE, 20),
        (S.POSTPONED, 50),
        (S.CANCELLED, 10),
    ),
    0: (
        (S.PLANNED, 140),
        (S.DESIGN_ESTIMATE, 160),
        (S.PROCUREMENT, 180),
        (S.IN_WORKS, 260),
        (S.COMPLETED, 200),
        (S.ACCEPTED, 30),
        (S.POSTPONED, 25),
        (S.CANCELLED, 5),
    ),
}
#: Days spent reaching each stage from the one before it.
GAPS = {
    S.DESIGN_ESTIMATE: (20, 60),
    S.PROCUREMENT: (20, 50),
    S.IN_WORKS: (15, 40),
    S.COMPLETED: (45, 200),
    S.ACCEPTED: (5, 45),
    S.POSTPONED: (10, 120),
    S.CANCELLED: (10, 200),
}
POSTPONED_FROM = ((S.PLANNED, 20), (S.DESIGN_ESTIMATE, 30), (S.PROCUREMENT, 25), (S.IN_WORKS, 25))
CANCELLED_FROM = ((S.PLANNED, 40), (S.DESIGN_ESTIMATE, 40), (S.PROCUREMENT, 20))
RESUMED_SHARE = 0.03


_MIX = {lag: Table(mix) for lag, mix in STAGE_MIX.items()}
_SIDE_FROM = {S.POSTPONED: Table(POSTPONED_FROM), S.CANCELLED: Table(CANCELLED_FROM)}


class Life(NamedTuple):
    """Where an object stands on ``as_of`` and how it got there."""

    stage: Stage
    reached: Stage  # the furthest main-line stage passed (what a side stage interrupted)
    stage_dates: dict[Stage, date]
    planned_completion: date
    actual_completion: date | None


def _path(rng: random.Random, final: Stage) -> tuple[list[Stage], Stage]:
    if final in MAIN_LINE:
        path = list(MAIN_LINE[: MAIN_LINE.index(final) + 1])
        if final in (S.COMPLETED, S.ACCEPTED) and rng.random() < RESUMED_SHARE:
            path.insert(rng.choice((2, 3)), S.POSTPONED)  # put aside, then resumed
        return path, final
    reached = _SIDE_FROM[final].pick(rng)
    return [*MAIN_LINE[: MAIN_LINE.index(reached) + 1], final], reached


def _fit(start: date, gaps: list[int], as_of: date, rng: random.Random) -> list[int]:
    """Squeeze the gaps so the last stage falls on or before ``as_of``; each gap stays ≥ 1 day."""
    room = (as_of - start).days - between(rng, 0, 20)
    room = max(room, len(gaps))
    if sum(gaps) <= room:
        return gaps
    scale = (room - len(gaps)) / max(1, sum(gaps))
    return [1 + int(g * scale) for g in gaps]


def life(rng: random.Random, years: list[int], as_of: date) -> Life:
    """Draw a stage consistent with how long ago the programme years were, and its history."""
    first, last = years[0], years[-1]
    planned_completion = date.fromordinal(date(last, 11, 10).toordinal() + between(rng, 0, 45))
    start = date.fromordinal(date(first, 1, 10).toordinal() + between(rng, 0, 80))
    lag = as_of.year - last
    if lag < 0 or (as_of - start).days <= len(MAIN_LINE):
        # not begun yet: the object is only on the list, no stage has been passed
        return Life(S.PLANNED, S.PLANNED, {}, planned_completion, None)
    final = _MIX[min(lag, 3)].pick(rng)
    path, reached = _path(rng, final)
    gaps = []
    for prev, stage in zip(path, path[1:]):
        lo, hi = GAPS[stage]
        if prev == S.POSTPONED:
            lo, hi = 60, 240
        if stage == S.COMPLETED and len(years) > 1:
            lo, hi = lo + 200, hi + 260
        gaps.append(between(rng, lo, hi))
    gaps = _fit(start, gaps, as_of, rng)
    dates = {path[0]: start}
    day = start.toordinal()
    for stage, gap in zip(path[1:], gaps):
        day += gap
        dates[stage] = date.fromordinal(day)
    done = dates.get(S.COMPLETED) if final in (S.COMPLETED, S.ACCEPTED) else None
    return Life(final, reached, dates, planned_completion, done)


# ---- money ---------------------------------------------------------------------------------


def tenge(tiyn: int) -> Decimal:
    return Decimal(tiyn).scaleb(-2)


def budget(rng: random.Random, planned: int, lf: Life, funding: FundingSource) -> dict:
    """Budget fields: planned → allocated → contracted → spent (given in tiyn), as far as the life has gone."""
    stage, reached = lf.stage, lf.reached
    allocated = planned if rng.random() < 0.85 else int(planned * rng.uniform(0.8, 0.97))
    contracted = spent = 0
    overrun = False
    order = MAIN_LINE.index(reached)
    if stage == S.CANCELLED or (order == 0 and rng.random() < 0.5):
        allocated = 0
    if order >= MAIN_LINE.index(S.IN_WORKS) and stage != S.CANCELLED:
        contracted = int(round(allocated * rng.uniform(0.86, 0.995)))
        if stage in (S.COMPLETED, S.ACCEPTED):
            share = 1.0 if stage == S.ACCEPTED and rng.random() < 0.9 else rng.uniform(0.85, 1.0)
            spent = int(round(contracted * share))
            if rng.random() < 0.02:
                spent, overrun = int(round(allocated * rng.uniform(1.02, 1.1))), True
        else:
            spent = int(round(contracted * rng.uniform(0.05, 0.7)))
    return {
        "planned": tenge(planned),
        "allocated": tenge(allocated),
        "contracted": tenge(contracted),
        "spent": tenge(spent),
        "funding_source": funding,
        "overrun": overrun,
    }


# ---- what is done to the building, and the passport ----------------------------------------

BASE_P = {
    Measure.RAMP: 0.88,
    Measure.HANDRAILS: 0.75,
    Measure.LIFT: 0.05,
    Measure.DOORWAYS: 0.5,
    Measure.TACTILE_PAVING: 0.6,
    Measure.ACCESSIBLE_TOILET: 0.6,
    Measure.PARKING: 0.5,
    Measure.SIGNAGE_BRAILLE: 0.5,
    Measure.SOUND_LIGHT_SIGNALS: 0.2,
    Measure.INDUCTION_LOOP: 0.08,
    Measure.CALL_BUTTON: 0.7,
    Measure.CONTRAST_MARKING: 0.45,
}
SECTOR_P = {
    Sector.EDUCATION: {Measure.LIFT: 0.12, Measure.ACCESSIBLE_TOILET: 0.8},
    Sector.HEALTH: {
        Measure.LIFT: 0.2,
        Measure.ACCESSIBLE_TOILET: 0.85,
        Measure.SOUND_LIGHT_SIGNALS: 0.4,
        Measure.INDUCTION_LOOP: 0.25,
        Measure.PARKING: 0.7,
    },
    Sector.CULTURE: {Measure.INDUCTION_LOOP: 0.3, Measure.LIFT: 0.08},
    Sector.SPORT: {Measure.ACCESSIBLE_TOILET: 0.8, Measure.PARKING: 0.65},
    Sector.PUBLIC_ADMINISTRATION: {Measure.LIFT: 0.15, Measure.PARKING: 0.7},
    Sector.PUBLIC_SERVICE_CENTRE: {
        Measure.INDUCTION_LOOP: 0.6,
        Measure.SOUND_LIGHT_SIGNALS: 0.6,
        Measure.SIGNAGE_BRAILLE: 0.8,
        Measure.PARKING: 0.75,
    },
    Sector.POST_BANK: {Measure.ACCESSIBLE_TOILET: 0.15, Measure.PARKING: 0.3},
    Sector.TRANSPORT: {Measure.SOUND_LIGHT_SIGNALS: 0.6, Measure.TACTILE_PAVING: 0.85, Measure.ACCESSIBLE_TOILET: 0.5},
    Sector.OTHER: {Measure.ACCESSIBLE_TOILET: 0.4},
}


_MEASURES = tuple(m for m in Measure if m in BASE_P)
_CATEGORIES = tuple(DisabilityCategory)


_PROBS = {sector: tuple(SECTOR_P.get(sector, {}).get(m, BASE_P[m]) for m in _MEASURES) for sector in Sector}


def measures(rng: random.Random, sector: Sector) -> list[Measure]:
    chosen = [m for m, p in zip(_MEASURES, _PROBS[sector]) if rng.random() < p]
    for m in (Measure.RAMP, Measure.CALL_BUTTON):
        if len(chosen) < 2 and m not in chosen:
            chosen.append(m)
    return chosen


def full_for_all(rng: random.Random, chosen: list[Measure]) -> tuple[bool, list[Measure]]:
    """Whether the object is planned to be ДП-В (``FULL_FOR_ALL_SHARE``), and its measures then."""
    if rng.random() >= FULL_FOR_ALL_SHARE:
        return False, chosen
    out = list(chosen)
    for any_of, cheapest in FULL_FOR_ALL_ADDS:
        if not any(m in out for m in any_of):
            out.append(cheapest)
    return True, out


def measures_done(rng: random.Random, lf: Life, planned: list[Measure]) -> list[Measure]:
    if lf.stage in (S.COMPLETED, S.ACCEPTED):
        return list(planned)
    if lf.stage in (S.IN_WORKS, S.POSTPONED) and lf.reached == S.IN_WORKS:
        return [m for m in planned if rng.random() < 0.4]
    return []


P = PassportState
TARGETS = {
    DisabilityCategory.WHEELCHAIR: ((P.FULL, 55), (P.PARTIAL, 40), (P.CONDITIONAL, 5)),
    DisabilityCategory.MOBILITY: ((P.FULL, 65), (P.PARTIAL, 33), (P.CONDITIONAL, 2)),
    DisabilityCategory.VISION: ((P.FULL, 15), (P.PARTIAL, 50), (P.CONDITIONAL, 35)),
    DisabilityCategory.HEARING: ((P.FULL, 20), (P.PARTIAL, 45), (P.CONDITIONAL, 35)),
    DisabilityCategory.INTELLECTUAL: ((P.FULL, 35), (P.PARTIAL, 45), (P.CONDITIONAL, 20)),
}
#: Before works: share of categories where the object is not accessible at all (else ДУ).
NONE_BEFORE = {
    DisabilityCategory.WHEELCHAIR: 0.6,
    DisabilityCategory.MOBILITY: 0.45,
    DisabilityCategory.VISION: 0.4,
    DisabilityCategory.HEARING: 0.3,
    DisabilityCategory.INTELLECTUAL: 0.25,
}
#: A full target needs the measures that make it possible: any one of them, or all of them.
FULL_NEEDS = {
    DisabilityCategory.WHEELCHAIR: (any, (Measure.RAMP, Measure.LIFT)),
    DisabilityCategory.VISION: (all, (Measure.TACTILE_PAVING, Measure.SIGNAGE_BRAILLE)),
    DisabilityCategory.HEARING: (any, (Measure.INDUCTION_LOOP, Measure.SOUND_LIGHT_SIGNALS)),
}
WORSE_THAN_TARGET = 0.08
#: Demo assumption: the share of objects planned to become fully accessible for all five
#: categories (ДП-В) and, once done, found so. The ministry reports about two thirds of the
#: priority objects fully adapted by the end of 2025 (Kazinform, 2025-26; 64 %, 27,307 objects —
#: the exact figure to confirm); the demo gives its objects that share, not a figure for this region.
FULL_FOR_ALL_SHARE = 0.64
#: What a fully accessible object needs when its plan has neither: the cheaper measure of each.
FULL_FOR_ALL_ADDS = (
    ((Measure.RAMP, Measure.LIFT), Measure.RAMP),
    ((Measure.TACTILE_PAVING,), Measure.TACTILE_PAVING),
    ((Measure.SIGNAGE_BRAILLE,), Measure.SIGNAGE_BRAILLE),
    ((Measure.INDUCTION_LOOP, Measure.SOUND_LIGHT_SIGNALS), Measure.SOUND_LIGHT_SIGNALS),
)
_STATES = tuple(PassportState)
_TARGETS = {category: Table(mix) for category, mix in TARGETS.items()}


def passport(
    rng: random.Random, lf: Life, planned: list[Measure], as_of: date, full_for_all: bool = False
) -> dict[DisabilityCategory, dict]:
    """Passport entries as plain fields: the Facility validates them in one pass, which is faster.

    An object planned ``full_for_all`` aims at ДП for every category and, once done, is ДП-В.
    """
    done = lf.stage in (S.COMPLETED, S.ACCEPTED)
    if done:
        assessed = lf.stage_dates.get(S.ACCEPTED) or min(
            lf.stage_dates[S.COMPLETED] + timedelta(days=between(rng, 0, 20)), as_of
        )
    elif S.PLANNED in lf.stage_dates:
        assessed = lf.stage_dates[S.PLANNED] - timedelta(days=between(rng, 15, 120))
    else:
        assessed = as_of - timedelta(days=between(rng, 30, 300))
    entries = {}
    for category in _CATEGORIES:
        target = P.FULL if full_for_all else _TARGETS[category].pick(rng)
        if target == P.FULL and category in FULL_NEEDS:
            test, needed = FULL_NEEDS[category]
            if not test(m in planned for m in needed):
                target = P.PARTIAL
        if done:
            current = target
            if not full_for_all and rng.random() < WORSE_THAN_TARGET:
                current = _STATES[min(_STATES.index(target) + 1, len(_STATES) - 1)]
        else:
            current = P.NONE if rng.random() < NONE_BEFORE[category] else P.CONDITIONAL
        entries[category] = {"current": current, "target": target, "assessed_on": assessed}
    return entries
