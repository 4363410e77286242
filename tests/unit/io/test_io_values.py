"""Cells of akimat spreadsheets read as money, dates, vocabularies and lists."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from tracker.domain.enums import Measure, PassportState, Sector, Stage
from tracker.io import values
from tracker.io.problems import ValueProblem


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("141 400,0", "141400.00"),
        ("141.4 млн", "141400000.00"),
        ("141,4 млн ₸", "141400000.00"),
        ("1 200 мың ₸", "1200000.00"),
        ("1 200 тыс. тенге", "1200000.00"),
        ("1,200,000.50", "1200000.50"),
        ("1.200.000,50", "1200000.50"),
        ("1500000.00", "1500000.00"),
        ("1\u00a0500\u00a0000 ₸", "1500000.00"),
        ("2 млрд", "2000000000.00"),
        (12.5, "12.50"),
        (1200, "1200.00"),
        ("0", "0.00"),
    ],
)
def test_money_styles(raw, expected):
    assert values.money(raw) == Decimal(expected)


def test_money_in_a_thousands_column():
    assert values.money("141 400,0", unit=Decimal(1000)) == Decimal("141400000.00")


@pytest.mark.parametrize(
    "raw, code",
    [
        ("abc", "not_money"),
        ("12a", "not_money"),
        ("-5", "negative_money"),
        ("-1 200,0", "negative_money"),
        ("1e309", "not_money"),
        ("inf", "not_money"),
        (float("inf"), "not_money"),
        ("9" * 20, "too_large"),
    ],
)
def test_bad_money_says_why(raw, code):
    with pytest.raises(ValueProblem) as caught:
        values.money(raw)
    assert caught.value.code == code


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("07.03.2021", date(2021, 3, 7)),
        ("2021-03-07", date(2021, 3, 7)),
        ("07/03/2021", date(2021, 3, 7)),
        (datetime(2021, 3, 7, 0, 0), date(2021, 3, 7)),
        ("", None),
    ],
)
def test_dates(raw, expected):
    assert values.day(raw) == expected


def test_a_bad_date():
    with pytest.raises(ValueProblem, match="not_date"):
        values.day("31.02.2021")


@pytest.mark.parametrize(
    "raw, enum, expected",
    [
        ("ДП", PassportState, PassportState.FULL),
        ("вНд", PassportState, PassportState.NONE),
        ("ДЧ — partially accessible", PassportState, PassportState.PARTIAL),
        ("ДУ-И (К, О)", PassportState, PassportState.CONDITIONAL),
        ("ПСД", Stage, Stage.DESIGN_ESTIMATE),
        ("Жұмыстар жүргізілуде", Stage, Stage.IN_WORKS),
        ("Производство работ", Stage, Stage.IN_WORKS),
        ("Жұмыс жүруде", Stage, Stage.IN_WORKS),  # the catalogue's former name, in older files
        ("Государственные закупки", Stage, Stage.PROCUREMENT),
        ("Госзакупки", Stage, Stage.PROCUREMENT),
        ("Жоспардан алынып тасталды", Stage, Stage.CANCELLED),
        ("Государственные органы", Sector, Sector.PUBLIC_ADMINISTRATION),
        ("Госуправление", Sector, Sector.PUBLIC_ADMINISTRATION),
        ("Works in progress", Stage, Stage.IN_WORKS),
        ("in_works", Stage, Stage.IN_WORKS),
        ("Принят комиссией", Stage, Stage.ACCEPTED),
        ("Білім беру", Sector, Sector.EDUCATION),
        ("ЦОН", Sector, Sector.PUBLIC_SERVICE_CENTRE),
    ],
)
def test_vocabulary_in_any_language(raw, enum, expected):
    assert values.vocabulary(raw, enum) == expected


def test_unknown_vocabulary_lists_what_is_allowed():
    with pytest.raises(ValueProblem) as caught:
        values.vocabulary("почти готово", Stage)
    assert "in_works" in caught.value.params["allowed"]


def test_lists_and_years():
    assert values.vocabulary_list("Пандус; Поручни", Measure) == [Measure.RAMP, Measure.HANDRAILS]
    assert values.vocabulary_list("Пандус\nТұтқалар", Measure) == [Measure.RAMP, Measure.HANDRAILS]
    assert values.vocabulary_list("ramp, lift", Measure) == [Measure.RAMP, Measure.LIFT]
    assert values.years("2021-2023") == [2021, 2022, 2023]
    assert values.years(2022.0) == [2022]
    assert values.month("01.2025") == "2025-01" and values.month("2025-1") == "2025-01"


@pytest.mark.parametrize(
    "raw, expected", [(331000000, "331000000"), (331000000.0, "331000000"), (" 196200000 ", "196200000")]
)
def test_kato_from_numbers_and_text(raw, expected):
    assert values.kato(raw) == expected


def test_formulas_are_recognised_and_neutralised_text_restored():
    assert values.is_formula("=SUM(A1:A3)") and values.is_formula(' =HYPERLINK("x")')
    assert not values.is_formula("-5") and not values.is_formula("=")
    assert values.text("'=SUM(A1)") == "=SUM(A1)" and values.text("'-") == "-"
