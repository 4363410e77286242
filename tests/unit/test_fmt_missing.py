"""A figure nobody has reads "–" in every format, whether it comes as None, NaN, NaT or NA."""

from decimal import Decimal

import pandas as pd
import pytest

from tracker.i18n import fmt_date, fmt_int, fmt_mln, fmt_money, fmt_number, fmt_pct

FORMATS = [
    lambda v: fmt_int(v, "kk"),
    lambda v: fmt_number(v, "ru", 0),
    lambda v: fmt_money(v, "kk"),
    lambda v: fmt_mln(v, "en"),
    lambda v: fmt_pct(v, "ru"),
]


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, Decimal("NaN")], ids=repr)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_missing_figure_is_a_dash(fmt, value):
    assert fmt(value) == "–"


def test_a_missing_date_is_a_dash_and_a_real_one_is_written_out():
    assert fmt_date(pd.NaT) == fmt_date(None) == fmt_date(float("nan")) == "–"
    assert fmt_date(pd.Timestamp("2025-06-08")) == "08.06.2025"


def test_a_table_column_with_gaps_formats_without_guards():
    km = pd.Series([12.4, None, 0.0])
    assert [fmt_number(v, "kk", 0) for v in km] == ["12", "–", "0"]
