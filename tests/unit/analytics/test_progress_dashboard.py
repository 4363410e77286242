"""Headline figures of a selection, against a small frame worked out by hand."""

from datetime import date

import pandas as pd
import pytest

from tracker.analytics.progress import is_overdue, summarise

TODAY = date(2025, 6, 1)


def _frame() -> pd.DataFrame:
    rows = [
        # id, stage,             planned_completion, planned, allocated, contracted, spent, demo
        (1, "accepted", date(2024, 12, 1), 100.0, 100.0, 90.0, 90.0, True),
        (2, "completed", date(2025, 1, 1), 200.0, 200.0, 180.0, 170.0, True),
        (3, "in_works", date(2025, 5, 31), 300.0, 300.0, 250.0, 100.0, False),  # late by a day
        (4, "planned", date(2025, 6, 1), 400.0, 0.0, 0.0, 0.0, False),  # due today: not late
        (5, "cancelled", date(2024, 1, 1), 500.0, 0.0, 0.0, 0.0, False),  # cancelled: never late
        (6, "postponed", date(2024, 11, 10), 600.0, 400.0, 0.0, 0.0, False),  # late
        (7, "procurement", None, 700.0, 0.0, 0.0, 0.0, False),  # no date: not late
    ]
    cols = [
        "id",
        "stage",
        "planned_completion",
        "budget_planned",
        "budget_allocated",
        "budget_contracted",
        "budget_spent",
        "demo",
    ]
    return pd.DataFrame(rows, columns=cols)


def test_overdue_is_past_the_planned_date_and_not_done_or_cancelled():
    assert is_overdue(_frame(), TODAY).tolist() == [False, False, True, False, False, True, False]


def test_overdue_on_an_empty_frame_is_empty():
    empty = _frame().iloc[0:0]
    assert is_overdue(empty, TODAY).tolist() == []


def test_summary_counts_money_and_lateness():
    s = summarise(_frame(), TODAY)
    assert (s.objects, s.completed, s.accepted, s.done, s.overdue, s.demo) == (7, 1, 1, 2, 2, 2)
    assert s.plan_share == pytest.approx(2 / 7)
    assert s.by_stage["in_works"] == 1 and s.by_stage["design_estimate"] == 0
    assert list(s.by_stage)[:6] == ["planned", "design_estimate", "procurement", "in_works", "completed", "accepted"]
    assert s.budget["planned"] == 2800.0
    assert s.budget["allocated"] == 1000.0
    assert s.budget["contracted"] == 520.0
    assert s.budget["spent"] == 360.0
    assert s.budget["execution"] == pytest.approx(0.36)


def test_summary_of_nothing_has_no_shares():
    s = summarise(_frame().iloc[0:0], TODAY)
    assert (s.objects, s.done, s.overdue, s.plan_share, s.budget["execution"]) == (0, 0, 0, None, None)
