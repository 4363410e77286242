"""The demo world: the seed figures of Almaty oblast (2021) turned into objects, centres and taxis.

Pure and deterministic: everything is drawn from one ``random.Random(seed)``, districts are
taken in KATO order, and nothing reads the clock, files or the environment.
"""

import gc
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.demo import facilities as fac
from tracker.demo.allocation import (
    fit_total,
    interleave,
    largest_remainder,
    population_weights,
    proportional_with_minimum,
)
from tracker.demo.invataxi import invataxi_reports
from tracker.demo.places import district_places
from tracker.demo.rehab import rehab_centres
from tracker.domain.district import District
from tracker.domain.facility import Facility
from tracker.domain.figures import SourcedFigure
from tracker.domain.invataxi import InvataxiReport
from tracker.domain.rehab import RehabCenter

DEMO_AS_OF = date(2025, 11, 1)
DEMO_YEARS = (2021, 2022, 2023, 2024, 2025)
SEED_OBJECTS = 1_294
SEED_FIRST_YEAR_OBJECTS = 258
SEED_FIRST_YEAR_LOCAL = Decimal("141400000.00")
MIN_OBJECTS_PER_DISTRICT = 10
#: 2021 objects cost 150 thousand – 2.5 mln ₸ each, counted to 0.1 thousand ₸ as akimats report.
FIRST_YEAR_BOUNDS = (150_000 * fac.TIYN, 2_500_000 * fac.TIYN)
FIRST_YEAR_UNIT = 100 * fac.TIYN
WHEELCHAIR_SHARE_PERCENT = 10


@dataclass(frozen=True)
class DemoData:
    facilities: list[Facility]
    rehab_centers: list[RehabCenter]
    invataxi_reports: list[InvataxiReport]
    wheelchair_users: dict[str, SourcedFigure]


def _in_kato_order(districts: Sequence[District]) -> list[District]:
    return sorted(districts, key=lambda d: d.kato)


def _year_counts(total: int) -> list[int]:
    """258 objects in 2021 and the rest evenly over 2022-2025, as the seed article has it."""
    first = min(SEED_FIRST_YEAR_OBJECTS, total)
    return [first, *largest_remainder(total - first, [1.0] * (len(DEMO_YEARS) - 1))]


def _fit_first_year(drafts: list[fac.Draft]) -> None:
    """Size the 2021 objects' planned local budget to the seed's 141.4 mln ₸ before their lives are drawn."""
    first = [d for d in drafts if d.years[0] == DEMO_YEARS[0]]
    if not first:
        return
    total = int(SEED_FIRST_YEAR_LOCAL * 100)
    fitted = fit_total([d.planned for d in first], total, *FIRST_YEAR_BOUNDS, FIRST_YEAR_UNIT)
    for d, amount in zip(first, fitted):
        d.planned = amount


def _scaled(tiyn: Decimal, ratio: float) -> Decimal:
    return Decimal(round(float(tiyn) * 100 * ratio)).scaleb(-2)


def _fit_first_year_allocated(facilities: list[Facility]) -> list[Facility]:
    """Make what was *allocated* («бөлінді») to the 2021 objects add up to the seed's 141.4 mln ₸.

    The seed article names 141.4 mln ₸ allocated from the local budget for 2021. Objects given
    nothing (cancelled, or still unfunded) keep nothing; the others' allocations are rescaled,
    with their contracts and spending in proportion, and the plan raised where it falls short.
    """
    first = [i for i, f in enumerate(facilities) if f.first_year == DEMO_YEARS[0] and f.budget.allocated > 0]
    if not first:
        return facilities
    amounts = [int(facilities[i].budget.allocated * 100) for i in first]
    fitted = fit_total(amounts, int(SEED_FIRST_YEAR_LOCAL * 100), FIRST_YEAR_UNIT, 2 * FIRST_YEAR_BOUNDS[1], 1)
    out = list(facilities)
    for i, amount, old in zip(first, fitted, amounts):
        b, ratio = out[i].budget, amount / old
        allocated = Decimal(amount).scaleb(-2)
        contracted = min(_scaled(b.contracted, ratio), allocated)
        spent = _scaled(b.spent, ratio) if b.overrun else min(_scaled(b.spent, ratio), contracted or allocated)
        budget = b.model_copy(
            update={
                "planned": max(b.planned, allocated),
                "allocated": allocated,
                "contracted": contracted,
                "spent": spent,
            }
        )
        out[i] = out[i].model_copy(update={"budget": budget})
    return out


def _wheelchair_users(districts: Sequence[District]) -> dict[str, SourcedFigure]:
    source = (
        f"demo assumption: {WHEELCHAIR_SHARE_PERCENT} % of registered people with disabilities (no published figure)"
    )
    out = {}
    for d in districts:
        if d.disabled_total is None:
            continue
        out[d.kato] = SourcedFigure(
            value=round(d.disabled_total.value * WHEELCHAIR_SHARE_PERCENT / 100),
            source=source,
            year=d.disabled_total.year,
            estimate=True,
        )
    return out


def generate_demo(districts: Sequence[District], seed: int = 2021, as_of: date = DEMO_AS_OF) -> DemoData:
    """The demo world of the seed article over ``districts`` (normally the default region)."""
    ds = _in_kato_order(districts)
    if not ds:
        return DemoData([], [], [], {})
    rng = random.Random(seed)
    kits = [fac.kit(rng, district_places(d, rng)) for d in ds]
    counts = proportional_with_minimum(SEED_OBJECTS, population_weights(ds), MIN_OBJECTS_PER_DISTRICT)
    year_of_slot = interleave(_year_counts(SEED_OBJECTS))
    drafts: list[fac.Draft] = []
    start = 0
    for k, count in zip(kits, counts):
        for j in sorted(year_of_slot[start : start + count]):
            year = DEMO_YEARS[j]
            drafts.append(
                fac.draft(rng, k, f"DEMO-{len(drafts) + 1:04d}", year, DEMO_YEARS[-1], local_only=year == DEMO_YEARS[0])
            )
        start += count
    _fit_first_year(drafts)
    by_kato = {k.places.district.kato: k for k in kits}
    facilities = [fac.finish(rng, d, by_kato[d.kato], as_of) for d in drafts]
    return DemoData(
        facilities=_fit_first_year_allocated(facilities),
        rehab_centers=rehab_centres(ds, as_of),
        invataxi_reports=invataxi_reports(rng, ds, as_of),
        wheelchair_users=_wheelchair_users(ds),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while building many small objects, none of them cyclic.

    With it running, the repeated full collections over a growing heap took about half the
    time of a 50,000-object build.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def generate_national(districts: Sequence[District], n: int = 50_000, seed: int = 7) -> list[Facility]:
    """A labelled synthetic country-scale set (``NAT-…``) to try the software at the ministry's scale."""
    ds = _in_kato_order(districts)
    if not ds or n <= 0:
        return []
    rng = random.Random(seed)
    kits = [fac.kit(rng, district_places(d, rng)) for d in ds]
    counts = proportional_with_minimum(n, population_weights(ds), 1)
    out: list[Facility] = []
    with _collector_paused():
        for k, count in zip(kits, counts):
            for year in sorted(rng.choice(DEMO_YEARS) for _ in range(count)):
                d = fac.draft(rng, k, f"NAT-{len(out) + 1:06d}", year, DEMO_YEARS[-1])
                out.append(fac.finish(rng, d, k, DEMO_AS_OF))
    return out
