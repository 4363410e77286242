"""Plan against actual per year, the burn-up and Invataxi months, on frames worked out by hand."""

import math
from datetime import date

import pandas as pd
import pytest

from tracker.analytics.timeline import burn_up, completion_dates, invataxi_monthly, plan_vs_actual

TODAY = date(2022, 9, 15)


def _objects() -> pd.DataFrame:
    rows = [
        # program_year, stage, completed_on, accepted_on, planned_completion, actual_completion
        (2021, "accepted", "2021-10-05", "2021-11-01", date(2021, 12, 1), None),
        (2021, "completed", "2022-02-10", None, date(2021, 12, 15), None),  # done late
        (2021, "in_works", "2021-09-01", None, date(2021, 11, 30), None),  # reopened
        (2022, "accepted", None, date(2022, 6, 30), date(2022, 12, 1), None),  # no completion date
        (2022, "planned", None, None, None, None),  # due 31.12.2022
        (2022, "completed", None, None, date(2022, 11, 1), date(2022, 8, 15)),  # only actual date
    ]
    cols = ["program_year", "stage", "completed_on", "accepted_on", "planned_completion", "actual_completion"]
    return pd.DataFrame(rows, columns=cols)


def test_completion_date_is_when_the_object_was_completed_and_only_if_it_is_done_now():
    done = completion_dates(_objects())
    assert [None if pd.isna(d) else d.date() for d in done] == [
        date(2021, 10, 5),
        date(2022, 2, 10),
        None,
        date(2022, 6, 30),
        None,
        date(2022, 8, 15),
    ]


def test_plan_against_actual_per_programme_year():
    table = plan_vs_actual(_objects(), TODAY)
    assert table.index.tolist() == [2021, 2022]
    assert table["planned"].tolist() == [3, 3]
    assert table["done_in_year"].tolist() == [1, 2]  # 2021: the late one counts only to date
    assert table["done_to_date"].tolist() == [2, 2]
    assert table["share_in_year"].tolist() == pytest.approx([1 / 3, 2 / 3])
    assert table["planned_share"].tolist() == pytest.approx([0.5, 0.5])


def test_a_year_not_over_counts_completions_up_to_today_only():
    frame = _objects().iloc[[3]]
    assert plan_vs_actual(frame, date(2022, 6, 29))["done_in_year"].tolist() == [0]
    assert plan_vs_actual(frame, date(2022, 6, 30))["done_in_year"].tolist() == [1]


def test_burn_up_runs_from_the_first_month_to_the_last_planned_one():
    table = burn_up(_objects(), TODAY)
    months = [m.strftime("%Y-%m") for m in table.index]
    assert months[0] == "2021-10" and months[-1] == "2022-12" and len(months) == 15
    planned = dict(zip(months, table["planned"]))
    assert [planned[m] for m in ("2021-10", "2021-11", "2021-12", "2022-10", "2022-11", "2022-12")] == [
        0,
        1,
        3,
        3,
        4,
        6,
    ]
    done = dict(zip(months, table["done"]))
    assert [done[m] for m in ("2021-10", "2022-01", "2022-02", "2022-06", "2022-08", "2022-09")] == [1, 1, 2, 3, 4, 4]
    assert all(math.isnan(done[m]) for m in ("2022-10", "2022-11", "2022-12"))


def test_burn_up_and_plan_of_nothing_are_empty():
    empty = _objects().iloc[0:0]
    assert burn_up(empty, TODAY).empty
    assert plan_vs_actual(empty, TODAY).empty


def test_invataxi_months_are_summed_over_districts_with_a_trip_weighted_wait():
    frame = pd.DataFrame(
        [
            ("331000000", "2025-01", 3, 300, {"no_vehicle": 10}, 40.0),
            ("331800000", "2025-01", 1, 100, {"late_booking": 5, "other": 5}, 80.0),
            ("331000000", "2024-12", 3, 200, {}, None),
            ("331000000", "2024-11", 2, 150, {}, 30.0),
        ],
        columns=["district_kato", "month", "vehicles", "trips", "refused", "avg_wait_min"],
    )
    table = invataxi_monthly(frame, months=2)
    assert table.index.tolist() == ["2024-12", "2025-01"]
    jan = table.loc["2025-01"]
    assert (jan["vehicles"], jan["trips"], jan["refused"]) == (4, 400, 20)
    assert jan["refusal_rate"] == pytest.approx(20 / 420)
    assert jan["avg_wait_min"] == pytest.approx((40 * 300 + 80 * 100) / 400)
    assert math.isnan(table.loc["2024-12", "avg_wait_min"])
