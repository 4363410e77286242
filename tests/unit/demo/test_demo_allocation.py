"""Whole-number splits that add up exactly."""

import random
from decimal import Decimal

import pytest

from tracker.demo.allocation import (
    Table,
    between,
    fit_total,
    interleave,
    largest_remainder,
    proportional_with_minimum,
)


@pytest.mark.parametrize("total, weights", [(1294, [3, 1, 1]), (33, [5.5, 0.1, 2, 9]), (7, [0, 0]), (0, [1, 2])])
def test_largest_remainder_sums_exactly(total, weights):
    counts = largest_remainder(total, weights)
    assert sum(counts) == total and len(counts) == len(weights)


def test_largest_remainder_gives_the_floor_first():
    assert largest_remainder(10, [100, 1, 1], floor=1) == [8, 1, 1]
    assert largest_remainder(2, [100, 1, 1], floor=1) == [2, 0, 0]  # not enough for one each


def test_proportional_with_minimum_only_lifts_when_needed():
    assert proportional_with_minimum(100, [1, 1], 10) == [50, 50]
    assert min(proportional_with_minimum(100, [98, 1, 1], 10)) >= 10


def test_interleave_keeps_exact_counts_spread_evenly():
    seq = interleave([258, 259, 259, 259, 259])
    assert [seq.count(k) for k in range(5)] == [258, 259, 259, 259, 259]
    assert set(seq[:25]) == {0, 1, 2, 3, 4}


def test_table_and_between_stay_in_range():
    rng = random.Random(1)
    table = Table([("a", 1), ("b", 0), ("c", 3)])
    picks = [table.pick(rng) for _ in range(1000)]
    assert set(picks) == {"a", "c"} and picks.count("c") > picks.count("a")
    assert {between(rng, 2, 4) for _ in range(200)} == {2, 3, 4}


def test_fit_total_is_exact_and_bounded():
    rng = random.Random(3)
    raw = [rng.randint(10_000_000, 300_000_000) for _ in range(258)]
    fitted = fit_total(raw, 14_140_000_000, 15_000_000, 250_000_000, 10_000)
    assert sum(fitted) == 14_140_000_000
    assert all(15_000_000 <= v <= 250_000_000 and v % 10_000 == 0 for v in fitted)
    assert Decimal(sum(fitted)).scaleb(-2) == Decimal("141400000.00")


def test_fit_total_refuses_the_impossible():
    with pytest.raises(ValueError):
        fit_total([1, 2], 10, 6, 8, 1)
