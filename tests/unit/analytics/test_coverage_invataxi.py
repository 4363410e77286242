"""Invataxi coverage on a hand-checked fixture: ratios, trips, refusals, waits, the norm."""

import math

import pandas as pd
import pytest

from tests.unit.analytics.coverage_fixtures import districts, figure
from tracker.analytics.coverage import (
    NORM_PER_1000,
    invataxi_coverage,
    monthly_trend,
    ranked,
    refusal_reasons,
    region_totals,
)
from tracker.analytics.invataxi_base import share_source

A, B, C = "331000000", "331800000", "333200000"


@pytest.fixture
def frames():
    ds = districts(
        (
            A,
            {
                "disabled_total": figure(2000, "split estimate", 2021, True),
                "wheelchair_users": figure(200, "demo assumption", 2021, True),
            },
        ),
        (B, {"disabled_total": figure(5000, "statistics office", 2024)}),
        (C, {}),
    )
    reports = pd.DataFrame(
        [
            {
                "district_kato": A,
                "month": "2025-01",
                "vehicles": 1,
                "trips": 100,
                "refused": {"no_vehicle": 5},
                "avg_wait_min": 30.0,
                "source": "akimat report",
                "demo": False,
            },
            {
                "district_kato": A,
                "month": "2025-02",
                "vehicles": 1,
                "trips": 120,
                "refused": {"late_booking": 3, "no_vehicle": 2},
                "avg_wait_min": 60.0,
                "source": "akimat report",
                "demo": False,
            },
            {
                "district_kato": B,
                "month": "2025-02",
                "vehicles": 1,
                "trips": 50,
                "refused": {},
                "avg_wait_min": None,
                "source": "demo",
                "demo": True,
            },
        ]
    )
    return reports, ds


def test_ratios_trips_refusals_and_waits(frames):
    cov = invataxi_coverage(*frames).set_index("kato")
    a = cov.loc[A]
    assert a.vehicles == 1
    assert a.vehicles_per_1000 == pytest.approx(0.5)  # 1 ÷ 2,000 × 1,000
    assert a.vehicles_per_100_wheelchair == pytest.approx(0.5)  # 1 ÷ 200 × 100
    assert a.trips == 220 and a.refused == 10
    assert a.refusal_rate == pytest.approx(10 / 230)  # refused ÷ (trips + refused)
    assert a.trips_per_vehicle == pytest.approx(110)  # 220 trips over 2 vehicle-months
    assert a.avg_wait_min == pytest.approx((30 * 100 + 60 * 120) / 220)  # weighted by trips
    assert a.period == "2025-01…2025-02" and a.months == 2


def test_the_norm_marks_districts_below_it_and_counts_the_missing_vehicles(frames):
    cov = invataxi_coverage(*frames).set_index("kato")
    assert cov.loc[A, "below_norm"] is False or cov.loc[A, "below_norm"] == False  # noqa: E712 — 0.5 ≥ 0.49
    assert cov.loc[B, "below_norm"] == True  # noqa: E712 — 1 ÷ 5,000 × 1,000 = 0.2
    assert cov.loc[B, "vehicles_short"] == 2  # 5,000 × 0.49 ÷ 1,000 = 2.45 needed, 1 there
    assert cov.loc[A, "vehicles_short"] == 0


def test_a_district_without_reports_is_unknown_not_zero(frames):
    c = invataxi_coverage(*frames).set_index("kato").loc[C]
    assert math.isnan(c.vehicles) and math.isnan(c.vehicles_per_1000)
    assert c.below_norm is None
    assert ranked(invataxi_coverage(*frames))["kato"].tolist() == [B, A, C]


def test_a_stricter_norm_is_applied(frames):
    cov = invataxi_coverage(*frames, norm_per_1000=0.6).set_index("kato")
    assert cov.loc[A, "below_norm"] == True  # noqa: E712
    assert cov.loc[A, "norm_per_1000"] == 0.6


def test_every_row_carries_source_year_estimate_and_demo(frames):
    cov = invataxi_coverage(*frames).set_index("kato")
    assert (
        cov.loc[A, "source"]
        == f"Invataxi reports: akimat report; {share_source(0.026)}; split estimate; demo assumption"
    )
    assert cov.loc[A, "year"] == "2025-01…2025-02; 2021"
    assert cov.loc[A, "estimate"] == True and cov.loc[A, "demo"] == False  # noqa: E712
    # B's registered count is official, but its eligible base is estimated from the share
    assert cov.loc[B, "estimate"] == True and cov.loc[B, "demo"] == True  # noqa: E712
    assert cov.loc[B, "source"] == f"Invataxi reports: demo; {share_source(0.026)}; statistics office"


def test_refusal_reasons_cover_every_reason(frames):
    reasons = refusal_reasons(frames[0]).set_index("reason")
    assert reasons["refused"].to_dict() == {
        "no_vehicle": 7,
        "outside_area": 0,
        "late_booking": 3,
        "not_eligible": 0,
        "other": 0,
    }
    assert reasons.loc["no_vehicle", "share"] == pytest.approx(0.7)
    only_b = refusal_reasons(frames[0], {B})
    assert only_b["refused"].sum() == 0 and only_b["share"].isna().all()


def test_monthly_trend(frames):
    trend = monthly_trend(frames[0])
    assert trend["month"].tolist() == ["2025-01", "2025-02"]
    assert trend["trips"].tolist() == [100, 170] and trend["vehicles"].tolist() == [1, 2]
    assert trend.loc[1, "refusal_rate"] == pytest.approx(5 / 175)
    assert trend.loc[1, "avg_wait_min"] == pytest.approx(60.0)  # B's month has no wait recorded


def test_region_totals(frames):
    totals = region_totals(invataxi_coverage(*frames))
    assert totals["vehicles"] == 2 and totals["disabled_total"] == 7000
    assert totals["vehicles_per_1000"] == pytest.approx(2 / 7)
    assert totals["below_norm"] == 1 and totals["districts"] == 2


def test_the_default_norm_is_the_seed_oblasts_ratio():
    # 33 vehicles for 66,947 registered people with disabilities, Almaty oblast, 2021
    assert round(33 / 66_947 * 1000, 2) == NORM_PER_1000
