"""The words of real files: the ministry's accessibility states, funding, sectors, stages, measures, money, years."""

from decimal import Decimal

import pytest

from tracker.domain.enums import FundingSource, Measure, PassportState, Sector, Stage
from tracker.io import values
from tracker.io.header import find_header
from tracker.io.words import SYNONYMS

WORDS = [
    (PassportState, "доступно", PassportState.FULL),
    (PassportState, "частично доступно", PassportState.PARTIAL),
    (PassportState, "не доступно", PassportState.NONE),
    (PassportState, "временно недоступно", PassportState.NONE),
    (PassportState, "қолжетімді", PassportState.FULL),
    (PassportState, "ішінара қолжетімді", PassportState.PARTIAL),
    (PassportState, "қолжетімсіз", PassportState.NONE),
    (PassportState, "ВНД", PassportState.NONE),
    (FundingSource, "МБ", FundingSource.LOCAL),
    (FundingSource, "местный бюджет", FundingSource.LOCAL),
    (FundingSource, "ЖБ", FundingSource.LOCAL),
    (FundingSource, "РБ", FundingSource.REPUBLICAN),
    (FundingSource, "республиканский бюджет", FundingSource.REPUBLICAN),
    (FundingSource, "НФ", FundingSource.NATIONAL_FUND),
    (FundingSource, "собственные средства", FundingSource.OWN_FUNDS),
    (FundingSource, "спонсорские средства", FundingSource.SPONSOR),
    (Sector, "торговля и услуги", Sector.TRADE_SERVICES),
    (Sector, "многоквартирные жилые дома", Sector.HOUSING),
    (Sector, "остановки общественного транспорта", Sector.TRANSPORT),
    (Sector, "вокзал", Sector.TRANSPORT),
    (Sector, "государственные и квазигосударственные органы", Sector.PUBLIC_ADMINISTRATION),
    (Sector, "финансовые организации", Sector.POST_BANK),
    (Sector, "прочие", Sector.OTHER),
    (Sector, "Тұрғын үй", Sector.HOUSING),
    (Stage, "ПСД", Stage.DESIGN_ESTIMATE),
    (Stage, "госзакуп", Stage.PROCUREMENT),
    (Stage, "СМР", Stage.IN_WORKS),
    (Stage, "введён в эксплуатацию", Stage.ACCEPTED),
    (Stage, "Акт приёмки", Stage.ACCEPTED),
    (Measure, "контрастная маркировка", Measure.CONTRAST_MARKING),
    (Measure, "Контрастты белгілеу", Measure.CONTRAST_MARKING),
]


@pytest.mark.parametrize("enum, word, expected", WORDS, ids=[w[1] for w in WORDS])
def test_each_word_of_real_files(enum, word, expected):
    assert values.vocabulary(word, enum) == expected


def test_no_word_means_two_values():
    for enum in {type(member) for member in SYNONYMS}:
        seen: dict[str, object] = {}
        for member in enum:
            for word in SYNONYMS.get(member, ()):
                assert seen.setdefault(values.norm(word), member) == member, word


@pytest.mark.parametrize(
    "cell, unit, tenge",
    [
        ("1 250,5", Decimal(1000), Decimal("1250500.00")),
        ("1,2 млн", Decimal(1000), Decimal("1200000.00")),
        ("350 000 тг.", Decimal(1), Decimal("350000.00")),
        (1250.5, Decimal(1000), Decimal("1250500.00")),
    ],
)
def test_money_as_written(cell, unit, tenge):
    assert values.money(cell, unit) == tenge


def test_an_empty_amount_is_unknown_not_zero():
    assert values.money("", Decimal(1000)) is None and values.money(None) is None


@pytest.mark.parametrize("cell", ["2024-2025", "2024, 2025", "2024; 2025"])
def test_years(cell):
    assert values.years(cell) == [2024, 2025]


def test_the_header_is_found_under_title_rows_and_joined_over_two_rows():
    rows = [
        (1, ["Перечень объектов на 2024-2025 годы"]),
        (2, ["(тыс. тенге)"]),
        (4, ["№", "Наименование объекта", "Район", "Сумма, тыс. тенге", None, "Год"]),
        (5, [None, None, None, "план", "факт", None]),
        (6, [1, 2, 3, 4, 5, 6]),
        (7, [1, "СОШ № 5", "Карасайский район", 100, 50, 2024]),
    ]
    header = find_header(rows, "objects")
    assert header.number == 4 and header.rows == 3
    assert header.names[3:5] == ["Сумма, тыс. тенге план", "Сумма, тыс. тенге факт"]
