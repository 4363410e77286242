"""The seed's 33 Invataxi vehicles over the region, with a year of monthly reports."""

from collections import Counter, defaultdict
from datetime import date

from tracker.demo.invataxi import fleet, report_months
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


def test_thirty_three_vehicles_every_month(demo):
    by_month = defaultdict(int)
    for r in demo.invataxi_reports:
        by_month[r.month] += r.vehicles
    assert set(by_month.values()) == {33}


def test_every_district_keeps_its_fleet_and_the_oblast_centres_have_more(demo):
    fleets = defaultdict(set)
    for r in demo.invataxi_reports:
        fleets[r.district_kato].add(r.vehicles)
    assert all(len(v) == 1 for v in fleets.values())
    size = {k: v.pop() for k, v in fleets.items()}
    assert min(size.values()) >= 1
    assert size[TALDYKORGAN] > size[TEKELI] and size[KONAEV] >= 2 and size[TALDYKORGAN] >= 2


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
