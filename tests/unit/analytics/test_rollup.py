"""District roll-ups against figures worked out by hand."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from tracker.analytics.rollup import ROLLUP_COLUMNS, below_target, district_rollup, invataxi_by_district

A, B, C = "111111111", "222222222", "333333333"
TODAY = date(2021, 1, 1)


def _frame() -> pd.DataFrame:
    rows = [  # district, stage, planned completion, allocated, spent, planned budget
        (A, "accepted", date(2020, 1, 1), 100.0, 100.0, 120.0),
        (A, "in_works", date(2020, 6, 1), 200.0, 50.0, 200.0),  # late on 1 Jan 2021
        (A, "cancelled", date(2020, 1, 1), 0.0, 0.0, 10.0),  # out of the plan, never late
        (A, "planned", None, 0.0, 0.0, 30.0),  # no date: never late
        (B, "completed", date(2022, 1, 1), 0.0, 0.0, 0.0),
        (B, "postponed", date(2020, 12, 31), 300.0, 0.0, 300.0),  # late by one day
        (C, "cancelled", date(2020, 1, 1), 0.0, 0.0, 0.0),
    ]
    return pd.DataFrame(
        rows,
        columns=["district_kato", "stage", "planned_completion", "budget_allocated", "budget_spent", "budget_planned"],
    )


def test_rollup_per_district_by_hand():
    out = district_rollup(_frame(), TODAY)
    assert list(out.columns) == ROLLUP_COLUMNS
    assert list(out.index) == [A, B, C]
    a, b, c = out.loc[A], out.loc[B], out.loc[C]
    assert (a.objects, a.planned, a.done, a.overdue) == (4, 3, 1, 1)
    assert a.pct_done == pytest.approx(1 / 3)
    assert (a.budget_planned, a.budget_allocated, a.budget_spent) == (360.0, 300.0, 150.0)
    assert a.execution == pytest.approx(0.5)
    assert (b.objects, b.planned, b.done, b.overdue) == (2, 2, 1, 1)
    assert b.pct_done == pytest.approx(0.5) and b.execution == 0.0
    assert (c.objects, c.planned, c.done, c.overdue) == (1, 0, 0, 0)
    assert np.isnan(c.pct_done) and np.isnan(c.execution)  # nothing planned, nothing allocated


def test_rollup_totals_add_up_to_the_frame():
    frame = _frame()
    out = district_rollup(frame, TODAY)
    assert out["objects"].sum() == len(frame)
    assert out["budget_spent"].sum() == frame["budget_spent"].sum()


def test_rollup_of_nothing_is_an_empty_table():
    out = district_rollup(_frame().iloc[:0], TODAY)
    assert out.empty and list(out.columns) == ROLLUP_COLUMNS


def test_below_target_compares_the_passport_state_with_its_target():
    frame = pd.DataFrame(
        {
            "passport": [
                {"vision": {"current": "VND", "target": "DP"}},  # below
                {"vision": {"current": "DP", "target": "DCH"}},  # better than target
                {"vision": {"current": "DU", "target": "DU"}},  # at target
                {"vision": {"current": None, "target": "DP"}},  # not assessed
                {"hearing": {"current": "VND", "target": "DP"}},  # other category only
                {},
                None,
            ]
        }
    )
    assert below_target(frame, "vision").tolist() == [True, False, False, False, False, False, False]
    assert below_target(frame, "hearing").tolist() == [False, False, False, False, True, False, False]


def test_invataxi_adds_up_the_last_twelve_months_and_takes_vehicles_from_the_latest():
    months = [f"2024-{m:02d}" for m in range(11, 13)] + [f"2025-{m:02d}" for m in range(1, 13)]
    reports = pd.DataFrame(
        {
            "district_kato": A,
            "month": months,
            "vehicles": range(1, 15),
            "trips": 100,
            "refused": [{"no_vehicle": 5, "other": 5}] * 14,
            "avg_wait_min": 30.0,
            "source": "akimat",
            "demo": False,
        }
    ).sample(frac=1, random_state=1)  # order must not matter
    out = invataxi_by_district(reports).loc[A]
    assert out.vehicles == 14 and out.latest_month == "2025-12" and out.first_month == "2025-01"
    assert out.trips == 1200 and out.refused == 120
    assert out.refusal_rate == pytest.approx(120 / 1320)
    assert out.avg_wait_min == 30.0 and out.source == "akimat" and not out.demo


def test_invataxi_of_no_reports_is_empty():
    assert invataxi_by_district(pd.DataFrame(columns=["district_kato", "month"])).empty


def test_unknown_amounts_are_left_out_of_sums_and_execution_and_counted():
    nan = float("nan")
    frame = pd.DataFrame(
        [  # district, stage, planned completion, allocated, spent, planned budget
            (A, "in_works", None, 100.0, 40.0, 100.0),
            (A, "in_works", None, nan, 500.0, nan),  # spent known, allocation not given
            (A, "procurement", None, 300.0, nan, 300.0),  # nothing reported spent
            (B, "planned", None, nan, nan, nan),
        ],
        columns=["district_kato", "stage", "planned_completion", "budget_allocated", "budget_spent", "budget_planned"],
    )
    out = district_rollup(frame, TODAY)
    a, b = out.loc[A], out.loc[B]
    assert (a.budget_planned, a.budget_allocated, a.budget_spent) == (400.0, 400.0, 540.0)
    assert a.execution == pytest.approx(0.4)  # 40 of 100: the two objects missing an amount are left out
    assert (a.budget_unknown, b.budget_unknown) == (2, 1)
    assert np.isnan(b.budget_allocated) and np.isnan(b.execution)  # nothing known: no figure, not 0
