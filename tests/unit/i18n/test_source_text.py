"""Shipped source phrases are said in the reader's language; unknown sources stay as written."""

import pytest

from tracker.i18n import NBSP, source_text

SEED = "estimate: seed article on the programme in Almaty oblast (before the 2022 split), 2021 total 66,947 split by population"  # noqa: E501


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "kk",
            f"бағалау: бағдарлама туралы бастапқы мақала, Алматы облысы (2022 жылғы бөлінуге дейін), 2021 жылғы жиыны 66{NBSP}947, халық санына қарай бөлінген",  # noqa: E501
        ),
        (
            "ru",
            f"оценка: исходная статья о программе, Алматинская область (до разделения 2022 года), итог 2021 года 66{NBSP}947, распределён пропорционально населению",  # noqa: E501
        ),
        ("en", SEED),
    ],
)
def test_the_seed_estimate_is_translated_whole(lang, expected):
    assert source_text(SEED, lang) == expected


def test_demo_is_translated_as_a_word_only():
    assert source_text("Invataxi reports: demo", "ru") == "отчёты Инватакси: демо"
    assert source_text("demography office", "kk") == "demography office"


def test_an_unknown_source_is_left_as_written():
    assert source_text("Акимат Текели, письмо от 12.03.2025", "kk") == "Акимат Текели, письмо от 12.03.2025"
    assert source_text("", "ru") == ""
