"""Invataxi on the eligible base, on a hand-checked fixture: a counted base, an estimated one, none."""

import math

import pandas as pd
import pytest

from tests.unit.analytics.coverage_fixtures import districts, figure
from tracker.analytics.coverage import invataxi_coverage, region_totals
from tracker.analytics.invataxi_base import ELIGIBLE_SHARE, eligible_base, share_source
from tracker.analytics.sourced import district_figures

COUNTED, ESTIMATED, UNKNOWN = "331000000", "331800000", "333200000"


def _month(kato, month, vehicles, trips, refused):
    return {
        "district_kato": kato,
        "month": month,
        "vehicles": vehicles,
        "trips": trips,
        "refused": refused,
        "avg_wait_min": 40.0,
        "source": "akimat report",
        "demo": False,
    }


@pytest.fixture
def frames():
    ds = districts(
        (
            COUNTED,
            {
                "disabled_total": figure(6000, "statistics office", 2024),
                "wheelchair_users": figure(400, "akimat register", 2024),
                "invataxi_eligible": figure(1200, "akimat register of Invataxi users", 2024),
            },
        ),
        (ESTIMATED, {"disabled_total": figure(5000, "statistics office", 2024)}),
        (UNKNOWN, {}),
    )
    reports = pd.DataFrame(
        [
            # the counted district's fleet grows from 4 to 6 vehicles over three months
            _month(COUNTED, "2025-01", 4, 400, {"no_vehicle": 50}),
            _month(COUNTED, "2025-02", 5, 500, {"no_vehicle": 30, "late_booking": 20}),
            _month(COUNTED, "2025-03", 6, 600, {}),
            _month(ESTIMATED, "2025-03", 2, 130, {"outside_area": 10}),
        ]
    )
    return reports, ds


def test_the_counted_base_is_used_as_given(frames):
    base = eligible_base(district_figures(frames[1])).set_index("kato")
    assert base.loc[COUNTED, "eligible"] == 1200
    assert base.loc[COUNTED, "eligible_source"] == "akimat register of Invataxi users"
    assert base.loc[COUNTED, "eligible_estimate"] == False  # noqa: E712


def test_without_a_count_the_base_is_a_labelled_share_of_the_registered(frames):
    base = eligible_base(district_figures(frames[1])).set_index("kato")
    assert base.loc[ESTIMATED, "eligible"] == 130  # 5,000 × 2.6 %
    assert base.loc[ESTIMATED, "eligible_estimate"] == True  # noqa: E712
    assert base.loc[ESTIMATED, "eligible_source"].startswith("estimate: eligible for Invataxi = 2.6 % of registered")
    assert math.isnan(base.loc[UNKNOWN, "eligible"])


def test_coverage_per_1000_eligible_per_100_wheelchair_users_and_trips_per_eligible(frames):
    c = invataxi_coverage(*frames).set_index("kato").loc[COUNTED]
    assert c.vehicles == 6 and c.vehicles_first == 4  # the fleet as reported, latest and first month
    assert c.vehicles_per_1000_eligible == pytest.approx(5.0)  # 6 ÷ 1,200 × 1,000
    assert c.vehicles_per_100_wheelchair == pytest.approx(1.5)  # 6 ÷ 400 × 100
    assert c.vehicles_per_1000 == pytest.approx(1.0)  # 6 ÷ 6,000 × 1,000 — beside the comparison point
    assert c.trips_per_eligible_year == pytest.approx(5.0)  # 1,500 trips in 3 months → 6,000 a year ÷ 1,200
    assert c.refusal_rate == pytest.approx(100 / 1600)  # refused ÷ (trips + refused)
    assert c.trips_per_vehicle == pytest.approx(100)  # 1,500 trips over 15 vehicle-months
    assert c.estimate == False  # noqa: E712 — every input counted


def test_the_estimated_base_carries_its_source_into_the_row(frames):
    e = invataxi_coverage(*frames).set_index("kato").loc[ESTIMATED]
    assert e.vehicles_per_1000_eligible == pytest.approx(2 / 130 * 1000)
    assert e.trips_per_eligible_year == pytest.approx(130 * 12 / 130)  # one month of 130 trips, annualised
    assert e.estimate == True  # noqa: E712
    assert share_source(ELIGIBLE_SHARE) in e.source


def test_a_configured_share_changes_the_base_and_says_so(frames):
    cov = invataxi_coverage(*frames, eligible_share=0.05).set_index("kato")
    assert cov.loc[ESTIMATED, "eligible"] == 250  # 5,000 × 5 %
    assert "5 % of registered" in cov.loc[ESTIMATED, "source"]
    assert "share set by the administrator" in cov.loc[ESTIMATED, "source"]
    assert cov.loc[COUNTED, "eligible"] == 1200  # a count is never replaced by the share


def test_no_base_no_ratio(frames):
    u = invataxi_coverage(*frames).set_index("kato").loc[UNKNOWN]
    assert math.isnan(u.eligible) and math.isnan(u.vehicles_per_1000_eligible) and math.isnan(u.trips_per_eligible_year)


def test_region_totals_on_both_bases(frames):
    totals = region_totals(invataxi_coverage(*frames))
    assert totals["vehicles"] == 8 and totals["disabled_total"] == 11_000
    assert totals["eligible"] == 1330
    assert totals["vehicles_per_1000_eligible"] == pytest.approx(8 / 1330 * 1000)
