"""A demo Invataxi fleet grown from the seed's 33 vehicles of 2021, with a year of monthly reports."""

import random
from collections import Counter, defaultdict
from datetime import date

from tracker.demo.invataxi import (
    FLEET_FIRST_MONTH,
    FLEET_LAST_MONTH,
    FLEET_SOURCE,
    fleet,
    monthly_fleets,
    report_months,
)
from tracker.domain import RefusalReason

TALDYKORGAN, KONAEV, TEKELI = "331000000", "191000000", "331800000"


def test_twelve_months_ending_before_the_demo_date(region, demo):
    months = sorted({r.month for r in demo.invataxi_reports})
    assert months[0] == "2024-11" and months[-1] == "2025-10" and len(months) == 12
    per_district = Counter(r.district_kato for r in demo.invataxi_reports)
    assert per_district == {d.kato: 12 for d in region}


def test_report_months_cross_the_new_year():
    assert report_months(date(2025, 1, 15)) == [f"2024-{m:02d}" for m in range(1, 13)]
    assert report_months(date(2025, 3, 1))[-3:] == ["2024-12", "2025-01", "2025-02"]


def test_the_fleet_grows_from_the_seed_and_is_reported_month_by_month(demo):
    by_month = defaultdict(int)
    for r in demo.invataxi_reports:
        by_month[r.month] += r.vehicles
    fleets = [by_month[m] for m in sorted(by_month)]
    # not 2021's 33 repeated: 40 in the first reported month, 46 in the last, never fewer on the way
    assert fleets[0] == FLEET_FIRST_MONTH == 40 and fleets[-1] == FLEET_LAST_MONTH == 46
    assert fleets == sorted(fleets) and len(set(fleets)) > 2
    assert all(r.source == FLEET_SOURCE and "33 vehicles of 2021" in r.source for r in demo.invataxi_reports)


def test_every_district_keeps_at_least_its_fleet_and_the_oblast_centres_have_more(demo):
    fleets = defaultdict(list)
    for r in sorted(demo.invataxi_reports, key=lambda r: r.month):
        fleets[r.district_kato].append(r.vehicles)
    assert all(v == sorted(v) for v in fleets.values())
    first = {k: v[0] for k, v in fleets.items()}
    assert min(first.values()) >= 1
    assert first[TALDYKORGAN] > first[TEKELI] and first[KONAEV] >= 2 and first[TALDYKORGAN] >= 2


def test_monthly_fleets_add_the_new_vehicles_once():
    fleets = monthly_fleets(random.Random(1), [], 12, 40, 46)
    assert fleets == []


def test_fleet_without_room_for_one_each():
    assert sum(fleet([], 33)) == 0


def test_trips_refusals_and_waits_are_plausible(demo):
    for r in demo.invataxi_reports:
        assert 80 * r.vehicles <= r.trips <= 140 * r.vehicles
        assert 20 <= r.avg_wait_min <= 180
        assert set(r.refused) <= set(RefusalReason)
        assert 0 < r.refusal_rate < 0.3
        assert r.operator
    reasons = Counter()
    for r in demo.invataxi_reports:
        reasons.update(r.refused)
    assert reasons.most_common(1)[0][0] == RefusalReason.NO_VEHICLE


def test_trips_follow_the_seasons(demo):
    totals = defaultdict(int)
    for r in demo.invataxi_reports:
        totals[r.month[5:]] += r.trips
    assert totals["07"] > totals["01"]
