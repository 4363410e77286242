"""Demo Invataxi: a fleet grown from the seed's 33 vehicles of 2021, a year of monthly reports.

The seed article counts 33 vehicles in Almaty oblast in 2021; no figure for 2024-25 was found
for Almaty and Zhetysu oblasts. Fleets grew elsewhere (Karaganda oblast: 35 → 118 vehicles,
2021-2024, per gov.kz), so the demo assumes — and says in each report's source — a modest
growth: 40 vehicles in the first reported month, 46 in the last, new vehicles arriving in
the districts with the most people month by month.
"""

import math
import random
from collections.abc import Sequence
from datetime import date

from tracker.demo.allocation import largest_remainder
from tracker.demo.names import TAXI_STEMS
from tracker.demo.places import is_urban
from tracker.domain.district import District
from tracker.domain.enums import RefusalReason
from tracker.domain.invataxi import InvataxiReport

SEED_VEHICLES = 33  # 2021, the seed article
FLEET_FIRST_MONTH = 40  # demo assumption
FLEET_LAST_MONTH = 46  # demo assumption
FLEET_SOURCE = "demo assumption: the fleet has grown since the seed's 33 vehicles of 2021 (no published 2024-25 figure)"
#: Oblast centres keep one extra vehicle each: the oblast's own fleet is based there.
OBLAST_CENTRES = ("191000000", "331000000")  # Konaev, Taldykorgan
PER_VEHICLE = (80, 140)
WAIT_MIN = (20.0, 180.0)
REASON_WEIGHTS = (
    (RefusalReason.NO_VEHICLE, 45),
    (RefusalReason.LATE_BOOKING, 25),
    (RefusalReason.OUTSIDE_AREA, 12),
    (RefusalReason.NOT_ELIGIBLE, 10),
    (RefusalReason.OTHER, 8),
)
MONTHS = 12


def report_months(as_of: date, count: int = MONTHS) -> list[str]:
    """The ``count`` months ending with the month before ``as_of``, oldest first, as YYYY-MM."""
    index = as_of.year * 12 + as_of.month - 1
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(index - count, index)]


def _registered(d: District) -> float:
    if d.disabled_total:
        return float(d.disabled_total.value)
    if d.population:
        return d.population.value * 0.036  # the national share, 3.6 %
    return 1.0


def fleet(districts: Sequence[District], total: int = SEED_VEHICLES) -> list[int]:
    """Vehicles per district: one each where possible, the rest by registered people with disabilities."""
    extra = [1 if d.kato in OBLAST_CENTRES else 0 for d in districts]
    if sum(extra) + len(districts) > total:
        extra = [0] * len(districts)
    counts = largest_remainder(total - sum(extra), [_registered(d) for d in districts], floor=1)
    return [c + e for c, e in zip(counts, extra)]


def _operator(rng: random.Random, d: District) -> str:
    if rng.random() < 0.3:
        return f"ТОО «{rng.choice(TAXI_STEMS)} Инватакси»"
    return f"{d.name_kk} {'қаласының' if is_urban(d) else 'ауданының'} әкімдігі"


def _season(month: int) -> float:
    """Summer busier, January quiet (holidays, snow)."""
    factor = 1 + 0.1 * math.cos(2 * math.pi * (month - 7) / 12)
    return factor - 0.08 if month == 1 else factor


def _split(rng: random.Random, total: int) -> dict[RefusalReason, int]:
    counts = dict.fromkeys((r for r, _ in REASON_WEIGHTS), 0)
    reasons, weights = [r for r, _ in REASON_WEIGHTS], [w for _, w in REASON_WEIGHTS]
    for reason in rng.choices(reasons, weights=weights, k=total):
        counts[reason] += 1
    return {r: n for r, n in counts.items() if n}


def monthly_fleets(
    rng: random.Random, districts: Sequence[District], months: int, first: int, last: int
) -> list[list[int]]:
    """Vehicles per district and month: ``first`` in all in the first month, ``last`` in the last.

    The vehicles added in between go to districts by their registered people with disabilities,
    each arriving in a month drawn at random after the first.
    """
    start = fleet(districts, first)
    added = largest_remainder(max(last - first, 0), [_registered(d) for d in districts], floor=0)
    out = []
    for base, extra in zip(start, added):
        arrivals = [rng.randrange(1, months) for _ in range(extra)] if months > 1 else [0] * extra
        out.append([base + sum(a <= i for a in arrivals) for i in range(months)])
    return out


def invataxi_reports(
    rng: random.Random,
    districts: Sequence[District],
    as_of: date,
    first: int = FLEET_FIRST_MONTH,
    last: int = FLEET_LAST_MONTH,
) -> list[InvataxiReport]:
    """Twelve monthly reports per district with a growing fleet, seasonal trips, refusals and waits."""
    months = report_months(as_of)
    reports = []
    for d, fleets in zip(districts, monthly_fleets(rng, districts, len(months), first, last)):
        operator = _operator(rng, d)
        per_vehicle = rng.uniform(95, 125)
        pressure = _registered(d) / max(fleets[0], 1)  # people per vehicle
        base_wait = 25 + 0.45 * math.sqrt(d.area_km2 or 500) + pressure / 100
        for month, vehicles in zip(months, fleets):
            m = int(month[5:])
            trips_each = min(max(per_vehicle * _season(m) * rng.uniform(0.93, 1.07), PER_VEHICLE[0]), PER_VEHICLE[1])
            trips = round(vehicles * trips_each)
            winter = m in (12, 1, 2)
            rate = min(0.02 + 0.03 * pressure / 3000 + (0.02 if winter else 0) + rng.uniform(0, 0.02), 0.3)
            refused = round(trips * rate / (1 - rate))
            wait = base_wait * (1.15 if winter else 1.0) * rng.uniform(0.85, 1.15)
            reports.append(
                InvataxiReport(
                    district_kato=d.kato,
                    month=month,
                    vehicles=vehicles,
                    operator=operator,
                    trips=trips,
                    refused=_split(rng, refused),
                    avg_wait_min=round(min(max(wait, WAIT_MIN[0]), WAIT_MIN[1]), 1),
                    source=FLEET_SOURCE,
                    demo=True,
                )
            )
    return reports
