"""Demo objects one at a time: a draft (what and where) first, then its life as of a date."""

import math
import random
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from tracker.demo import lifecycle
from tracker.demo.allocation import Table
from tracker.demo.names import BRANDS, FIRM_STEMS, FIRM_TAILS, LEVEL_WORDS, SECTOR_WEIGHTS, TEMPLATES, Template
from tracker.demo.places import DistrictPlaces, Locality, address, scatter
from tracker.domain.enums import MAIN_LINE, FundingSource, Measure, Ownership, Sector, Stage
from tracker.domain.facility import Facility

#: Planned cost of adapting one object in 2021, ₸ (log-uniform between the bounds).
SECTOR_COST: dict[Sector, tuple[int, int]] = {
    Sector.EDUCATION: (250_000, 1_600_000),
    Sector.HEALTH: (250_000, 1_800_000),
    Sector.CULTURE: (200_000, 1_200_000),
    Sector.SPORT: (200_000, 1_400_000),
    Sector.SOCIAL_PROTECTION: (150_000, 900_000),
    Sector.PUBLIC_ADMINISTRATION: (150_000, 1_000_000),
    Sector.PUBLIC_SERVICE_CENTRE: (150_000, 800_000),
    Sector.POST_BANK: (150_000, 600_000),
    Sector.TRANSPORT: (150_000, 900_000),
    Sector.TRADE_SERVICES: (150_000, 700_000),
    Sector.HOUSING: (200_000, 900_000),
    Sector.OTHER: (150_000, 700_000),
}
LIFT_COST = (600_000, 1_200_000)
YEARLY_PRICE_RISE = 1.08
MULTI_YEAR_SHARE = 0.06
TIYN = 100

_SECTORS = Table(SECTOR_WEIGHTS)
_LATER_FUNDING = Table(((FundingSource.LOCAL, 80), (FundingSource.REPUBLICAN, 14), (FundingSource.SPONSOR, 6)))


@dataclass
class Draft:
    """An object before its stage and money are drawn; ``planned`` is in tiyn."""

    external_id: str
    kato: str
    years: list[int]
    sector: Sector
    name_kk: str
    name_ru: str
    ownership: Ownership
    address: str
    lat: float
    lon: float
    measures: list[Measure]
    funding: FundingSource
    planned: int
    full_for_all: bool = False  # planned to be fully accessible for every category (ДП-В)


@dataclass
class DistrictKit:
    """What one district's objects are drawn from, and which one-of-a-kind names are taken."""

    places: DistrictPlaces
    firms: tuple[str, ...]
    taken: set[tuple[Sector, int, str]] = field(default_factory=set)
    numbers: dict[tuple[Sector, int], int] = field(default_factory=dict)
    localities: Table = field(init=False)

    def __post_init__(self):
        self.localities = Table([(loc, loc.weight) for loc in self.places.localities])


def firms(rng: random.Random, count: int) -> tuple[str, ...]:
    """Invented contractors working in a district: ТОО «…» or ЖШС «…»."""
    combos = rng.sample([(s, t) for s in FIRM_STEMS for t in FIRM_TAILS], count)
    return tuple(f"{rng.choice(('ТОО', 'ЖШС'))} «{stem} {tail}»" for stem, tail in combos)


def kit(rng: random.Random, places: DistrictPlaces) -> DistrictKit:
    return DistrictKit(places, firms(rng, rng.randint(3, 6)))


def _fits(t: Template, loc: Locality) -> bool:
    if t.scope == "any":
        return True
    if t.scope == "village":
        return loc.kind == "village"
    if t.scope == "city":
        return loc.kind == "city"
    return loc.kind in ("city", "centre")


@cache
def _templates(sector: Sector, kind: str, allow_private: bool) -> Table:
    place = Locality(kind, "", "", "", 0.0, 0.0, 0.0, 1)
    return Table(
        [
            ((i, t), t.weight)
            for i, t in enumerate(TEMPLATES[sector])
            if _fits(t, place) and (allow_private or t.ownership != Ownership.PRIVATE)
        ]
    )


def _template(
    rng: random.Random, k: DistrictKit, sector: Sector, loc: Locality, allow_private: bool
) -> tuple[int, Template]:
    table = _templates(sector, loc.kind, allow_private)
    for _ in range(8):
        i, t = table.pick(rng)
        if not (t.once and (sector, i, loc.village_kk) in k.taken):
            return i, t
    free = [(i, t) for i, t in table.items if not (t.once and (sector, i, loc.village_kk) in k.taken)]
    return Table([((i, t), t.weight) for i, t in free]).pick(rng)


def _name(
    rng: random.Random, k: DistrictKit, sector: Sector, loc: Locality, allow_private: bool
) -> tuple[str, str, Ownership]:
    i, t = _template(rng, k, sector, loc, allow_private)
    if t.once:
        k.taken.add((sector, i, loc.village_kk))
    words = dict(LEVEL_WORDS[k.places.level], v_kk=loc.village_kk, v_ru=loc.village_ru)
    if "{n}" in t.kk:
        n = k.numbers.get((sector, i), 0) + rng.randint(1, 3)
        k.numbers[(sector, i)] = n
        words["n"] = n
    if "{brand}" in t.kk:
        words["brand"] = rng.choice(BRANDS)
    return t.kk.format(**words), t.ru.format(**words), t.ownership


def _funding(rng: random.Random, year: int, ownership: Ownership, local_only: bool) -> FundingSource:
    if local_only:
        return FundingSource.LOCAL
    if ownership == Ownership.PRIVATE:
        return FundingSource.OWN_FUNDS  # owners adapt their own buildings
    if year <= 2022:
        return FundingSource.SPONSOR if rng.random() < 0.05 else FundingSource.LOCAL
    return _LATER_FUNDING.pick(rng)


def planned_cost(rng: random.Random, sector: Sector, year: int, chosen: list[Measure], funding: FundingSource) -> int:
    """A plausible planned cost in tiyn, rounded to whole thousands of tenge."""
    lo, hi = SECTOR_COST[sector]
    cost = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    if Measure.LIFT in chosen:
        cost += rng.uniform(*LIFT_COST)
    cost *= YEARLY_PRICE_RISE ** (year - 2021)
    if funding == FundingSource.REPUBLICAN:
        cost *= rng.uniform(2.0, 5.0)
    return int(round(cost / 1000)) * 1000 * TIYN


def draft(
    rng: random.Random, k: DistrictKit, external_id: str, first_year: int, last_year: int, local_only: bool = False
) -> Draft:
    """What and where: sector, name, address, point, measures, funding and planned cost."""
    years = [first_year]
    if first_year < last_year and rng.random() < MULTI_YEAR_SHARE:
        years.append(first_year + 1)
    sector = _SECTORS.pick(rng)
    loc = k.localities.pick(rng)
    name_kk, name_ru, ownership = _name(rng, k, sector, loc, allow_private=not local_only)
    district = k.places.district
    lat, lon = scatter(rng, k.places, loc)
    full_for_all, chosen = lifecycle.full_for_all(rng, lifecycle.measures(rng, sector))
    funding = _funding(rng, first_year, ownership, local_only)
    return Draft(
        external_id,
        district.kato,
        years,
        sector,
        name_kk,
        name_ru,
        ownership,
        address(rng, loc),
        lat,
        lon,
        chosen,
        funding,
        planned_cost(rng, sector, first_year, chosen, funding),
        full_for_all,
    )


def finish(rng: random.Random, d: Draft, k: DistrictKit, as_of: date) -> Facility:
    """Give a draft its stage history, money, contractor and passport as of ``as_of``."""
    lf = lifecycle.life(rng, d.years, as_of)
    money = lifecycle.budget(rng, d.planned, lf, d.funding)
    past_procurement = lf.stage != Stage.CANCELLED and MAIN_LINE.index(lf.reached) >= MAIN_LINE.index(Stage.IN_WORKS)
    return Facility(
        external_id=d.external_id,
        name_kk=d.name_kk,
        name_ru=d.name_ru,
        sector=d.sector,
        address=d.address,
        district_kato=d.kato,
        lat=d.lat,
        lon=d.lon,
        ownership=d.ownership,
        program_years=d.years,
        measures=d.measures,
        measures_done=lifecycle.measures_done(rng, lf, d.measures),
        budget=money,
        contractor=rng.choice(k.firms) if past_procurement else None,
        stage=lf.stage,
        stage_dates=lf.stage_dates,
        planned_completion=lf.planned_completion,
        actual_completion=lf.actual_completion,
        passport=lifecycle.passport(rng, lf, d.measures, as_of, d.full_for_all),
        demo=True,
    )
