"""Headers: every export header is recognised again, akimat names too, and units are read."""

from decimal import Decimal

import pytest

from tracker.io.columns import COLUMNS, KINDS, auto_map, header_key, missing_required


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_export_headers_map_back_to_their_columns(kind, lang):
    headers = [c.header(lang) for c in COLUMNS[kind]]
    assert auto_map(headers, kind) == {c.key: i for i, c in enumerate(COLUMNS[kind])}


def test_akimat_headers():
    headers = [
        "№",
        "Наименование объекта",
        "Район",
        "Широта",
        "Долгота",
        "Годы программы",
        "Сфера",
        "Сумма, тыс. тенге",
    ]
    mapping = auto_map(headers, "objects")
    assert mapping == {
        "name_ru": 1,
        "district": 2,
        "lat": 3,
        "lon": 4,
        "program_years": 5,
        "sector": 6,
        "budget_planned": 7,
    }
    assert missing_required(mapping, "objects") == []


@pytest.mark.parametrize(
    "header, key, unit",
    [
        ("Сумма, тыс. тенге", "сумма", 1000),
        ("Сомасы, мың теңге", "сомасы", 1000),
        ("Бюджет (млн тенге)", "бюджет", 10**6),
        ("Allocated, ₸", "allocated", 1),
        ("  ЕНДІК ", "ендік", 1),
    ],
)
def test_header_units(header, key, unit):
    assert header_key(header) == (key, Decimal(unit))


def test_missing_district_and_name_are_reported():
    missing = [c.key for c in missing_required({"lat": 0, "lon": 1, "sector": 2, "program_years": 3}, "objects")]
    assert missing == ["name_ru", "district_kato"]
