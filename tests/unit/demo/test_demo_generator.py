"""The demo world is the seed article's Almaty oblast: its totals, exactly, and the same every time."""

from collections import Counter
from decimal import Decimal

import pytest

from tracker.demo import DEMO_AS_OF, generate_demo
from tracker.demo.allocation import largest_remainder, population_weights
from tracker.domain import FundingSource, Sector

TALDYKORGAN, TEKELI = "331000000", "331800000"


def test_the_same_seed_gives_the_same_world(region, demo):
    assert generate_demo(region) == demo


def test_another_seed_gives_another_world(region, demo):
    other = generate_demo(region, seed=2022)
    assert [f.model_dump() for f in other.facilities] != [f.model_dump() for f in demo.facilities]
    assert other.invataxi_reports != demo.invataxi_reports


def test_the_order_districts_come_in_does_not_matter(region, demo):
    assert generate_demo(tuple(reversed(region))) == demo


def test_seed_totals(demo):
    first_year = [f for f in demo.facilities if f.first_year == 2021]
    assert len(demo.facilities) == 1_294
    assert len(first_year) == 258
    assert all(f.budget.funding_source == FundingSource.LOCAL for f in first_year)
    # the seed's 141.4 mln ₸ is what was allocated («бөлінді») for 2021, not what was planned
    allocated = sum((f.budget.allocated for f in first_year), Decimal(0))
    assert allocated == Decimal("141400000.00")
    assert all(f.budget.planned >= f.budget.allocated for f in first_year)
    assert all(f.budget.spent <= f.budget.allocated or f.budget.overrun for f in first_year)
    assert len(demo.rehab_centers) == 11


def test_first_year_amounts_are_realistic(demo):
    amounts = [f.budget.planned for f in demo.facilities if f.first_year == 2021]
    assert min(amounts) >= Decimal("150000") and max(amounts) <= Decimal("2500000")
    assert len(set(amounts)) > 200  # not one figure repeated to make the total


def test_later_years_take_about_a_fifth_each(demo):
    per_year = Counter(f.first_year for f in demo.facilities)
    assert set(per_year) == {2021, 2022, 2023, 2024, 2025}
    for year in (2022, 2023, 2024, 2025):
        assert abs(per_year[year] - 1_294 * 0.2) < 10


def test_later_years_are_sometimes_republican_or_sponsored(demo):
    later = Counter(f.budget.funding_source for f in demo.facilities if f.first_year >= 2023)
    assert later[FundingSource.LOCAL] > later[FundingSource.REPUBLICAN] > 0
    assert later[FundingSource.SPONSOR] > 0


def test_objects_follow_population(region, demo):
    counts = Counter(f.district_kato for f in demo.facilities)
    assert set(counts) == {d.kato for d in region}
    assert counts[TALDYKORGAN] > counts[TEKELI]
    assert min(counts.values()) >= 10
    expected = largest_remainder(1_294, population_weights(region))
    assert [counts[d.kato] for d in region] == expected


def test_each_district_has_objects_of_every_year(region, demo):
    years = {(f.district_kato, f.first_year) for f in demo.facilities}
    for d in region:
        assert {y for k, y in years if k == d.kato} == {2021, 2022, 2023, 2024, 2025}, d.name_en


def test_schools_and_clinics_lead_the_sector_mix(demo):
    sectors = Counter(f.sector for f in demo.facilities)
    # the seed names no trade or housing objects; the demo adds them only where it labels the assumption
    assert set(sectors) >= set(Sector) - {Sector.TRADE_SERVICES, Sector.HOUSING}
    top_two = {s for s, _ in sectors.most_common(2)}
    assert top_two == {Sector.EDUCATION, Sector.HEALTH}
    assert sectors[Sector.CULTURE] > sectors[Sector.TRANSPORT]


def test_records_are_labelled_demo_with_stable_ids(demo):
    ids = [f.external_id for f in demo.facilities]
    assert ids == [f"DEMO-{i:04d}" for i in range(1, 1_295)]
    assert all(f.demo for f in demo.facilities)
    assert all(r.demo for r in demo.rehab_centers)
    assert all(r.demo and r.source.startswith("demo assumption: ") for r in demo.invataxi_reports)


def test_names_are_in_kazakh_and_russian_with_a_place(region, demo):
    admin_centres = {d.kato: d.admin_centre or d.name_kk for d in region}
    for f in demo.facilities:
        assert f.name_kk and f.name_ru
        assert " к-сі, " in f.address or " даңғ., " in f.address
    talgar = [f.address for f in demo.facilities if f.district_kato == "196200000"]
    assert any("Талғар" in a for a in talgar)
    assert all(admin_centres[TALDYKORGAN] in f.address for f in demo.facilities if f.district_kato == TALDYKORGAN)
    assert any(
        f.name_kk.endswith("жалпы білім беретін мектеп") and f.name_ru.startswith("Общеобразовательная школа №")
        for f in demo.facilities
    )
    assert len({(f.district_kato, f.name_kk) for f in demo.facilities}) > 0.9 * len(demo.facilities)


def test_one_of_a_kind_objects_appear_once_per_place(demo):
    hospitals = Counter(f.district_kato for f in demo.facilities if f.name_kk == "Аудандық орталық аурухана")
    assert hospitals and max(hospitals.values()) == 1


def test_wheelchair_users_are_a_labelled_estimate(region, demo):
    assert set(demo.wheelchair_users) == {d.kato for d in region}
    for d in region:
        figure = demo.wheelchair_users[d.kato]
        assert figure.estimate
        assert figure.source.startswith("demo assumption: 10 % of registered people with disabilities")
        assert figure.value == round(d.disabled_total.value * 0.10)
        assert figure.year == d.disabled_total.year


def test_a_district_without_disability_figures_gets_no_wheelchair_estimate(region):
    bare = [d.model_copy(update={"disabled_total": None}) for d in region]
    assert generate_demo(bare).wheelchair_users == {}


def test_no_districts_no_world():
    empty = generate_demo([])
    assert (empty.facilities, empty.rehab_centers, empty.invataxi_reports, empty.wheelchair_users) == ([], [], [], {})


def test_as_of_is_a_fixed_date():
    assert DEMO_AS_OF.isoformat() == "2025-11-01"


@pytest.mark.parametrize("seed", [1, 99, 123456])
def test_seed_totals_hold_for_any_seed(region, seed):
    world = generate_demo(region, seed=seed)
    first_year = [f for f in world.facilities if f.first_year == 2021]
    assert len(world.facilities) == 1_294 and len(first_year) == 258
    assert sum((f.budget.allocated for f in first_year), Decimal(0)) == Decimal("141400000.00")
    assert sum(r.vehicles for r in world.invataxi_reports if r.month == "2025-10") == 46
