"""Every message exists in Kazakh, Russian and English, with the same placeholders."""

from datetime import date
from decimal import Decimal
from enum import Enum

import pytest

from tracker.domain import enums
from tracker.i18n import LANGUAGES, catalogue, fmt_date, fmt_int, fmt_mln, fmt_money, fmt_pct, label, placeholders, t

ALL_KEYS = sorted(set().union(*(catalogue(lang).keys() for lang in LANGUAGES)))
VOCABULARIES = [
    v for v in vars(enums).values() if isinstance(v, type) and issubclass(v, Enum) and v.__module__ == enums.__name__
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_key_is_missing_or_empty_in_any_language(lang):
    missing = [key for key in ALL_KEYS if not catalogue(lang).get(key, "").strip()]
    assert missing == []


@pytest.mark.parametrize("key", ALL_KEYS)
def test_placeholders_agree_across_languages(key):
    assert len({frozenset(placeholders(catalogue(lang)[key])) for lang in LANGUAGES}) == 1


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_vocabulary_value_has_a_name_in_every_language(vocabulary):
    for lang in LANGUAGES:
        for value in vocabulary:
            assert label(value, lang) != f"{vocabulary.__name__}.{value.value}"


def test_kazakh_is_not_a_copy_of_russian():
    same = [k for k in ALL_KEYS if catalogue("kk")[k] == catalogue("ru")[k]]
    assert len(same) < len(ALL_KEYS) * 0.1, same


@pytest.mark.parametrize(
    "lang, expected",
    [("kk", "141\u00a0400\u00a0000\u00a0₸"), ("ru", "141\u00a0400\u00a0000\u00a0₸"), ("en", "141,400,000\u00a0₸")],
)
def test_money_has_thousands_separators(lang, expected):
    assert fmt_money(Decimal("141400000.00"), lang) == expected


def test_millions_use_the_decimal_comma_in_kazakh_and_russian():
    assert fmt_mln(141_400_000, "kk") == "141,4\u00a0млн\u00a0₸"
    assert fmt_mln(141_400_000, "en") == "141.4\u00a0mln\u00a0₸"


def test_dates_are_day_month_year():
    assert fmt_date(date(2021, 3, 7)) == "07.03.2021"
    assert fmt_date("2025-11-01") == "01.11.2025"
    assert fmt_date(None) == "–"


def test_small_formats():
    assert fmt_int(1294, "ru") == "1\u00a0294"
    assert fmt_pct(0.912, "en") == "91\u00a0%"
    assert t("maps.credit", "ru", source="geokz") == "Границы: geokz"
