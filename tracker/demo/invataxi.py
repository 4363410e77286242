"""Demo Invataxi: the seed's 33 vehicles spread over districts, a year of monthly reports."""

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

SEED_VEHICLES = 33
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


def invataxi_reports(
    rng: random.Random, districts: Sequence[District], as_of: date, total: int = SEED_VEHICLES
) -> list[InvataxiReport]:
    """Twelve monthly reports per district with a fixed fleet, seasonal trips, refusals and waits."""
    months = report_months(as_of)
    reports = []
    for d, vehicles in zip(districts, fleet(districts, total)):
        operator = _operator(rng, d)
        per_vehicle = rng.uniform(95, 125)
        pressure = _registered(d) / max(vehicles, 1)  # people per vehicle
        base_wait = 25 + 0.45 * math.sqrt(d.area_km2 or 500) + pressure / 100
        for month in months:
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
                    source="demo",
                    demo=True,
                )
            )
    return reports
