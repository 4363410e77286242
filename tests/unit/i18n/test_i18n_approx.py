"""Estimates are read rounded and marked: «≈ 65 000», never to the unit."""

import math

import pytest

from tracker.i18n import NBSP, fmt_approx, fmt_figure, rounded


@pytest.mark.parametrize(
    "value, expected",
    [(65_123, 65_000), (66_947, 67_000), (1_741, 1_700), (130, 130), (137, 140), (42, 42), (6_694.7, 6_700), (0, 0)],
)
def test_two_significant_digits_not_below_tens(value, expected):
    assert rounded(value) == expected


@pytest.mark.parametrize(
    "lang, expected", [("kk", f"≈{NBSP}65{NBSP}000"), ("ru", f"≈{NBSP}65{NBSP}000"), ("en", "≈\u00a065,000")]
)
def test_an_estimate_is_marked_and_rounded(lang, expected):
    assert fmt_approx(65_123, lang) == expected


def test_a_counted_figure_stays_exact_and_unknowns_are_a_dash():
    assert fmt_figure(66_947, False, "kk") == f"66{NBSP}947"
    assert fmt_figure(66_947, True, "kk") == f"≈{NBSP}67{NBSP}000"
    assert fmt_approx(None, "ru") == "–" and fmt_approx(math.nan, "ru") == "–"
