"""One fallback order for a name in the reader's language, for a model, a row and a whole table."""

import pandas as pd
import pytest

from tests.factories import facility as make_facility
from tracker.domain.language import display_name
from tracker.i18n import display_name as said_by_i18n

DISTRICTS = pd.DataFrame(
    {
        "kato": ["195220000", "195620000"],
        "name_kk": ["Талғар ауданы", ""],
        "name_ru": ["Талгарский район", "Райымбекский район"],
        "name_en": ["Talgar District", "Raiymbek District"],
        "oblast_kk": ["Алматы облысы", "Алматы облысы"],
        "oblast_ru": ["Алматинская область", "Алматинская область"],
        "oblast_en": ["Almaty Region", "Almaty Region"],
    }
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", ["Талғар ауданы", "Райымбекский район"]),
        ("ru", ["Талгарский район", "Райымбекский район"]),
        ("en", ["Talgar District", "Raiymbek District"]),
    ],
)
def test_a_table_row_and_a_tuple_give_the_same_name(lang, expected):
    assert list(display_name(DISTRICTS, lang)) == expected
    assert [display_name(row, lang) for _, row in DISTRICTS.iterrows()] == expected
    assert [display_name(row, lang) for row in DISTRICTS.itertuples()] == expected


def test_an_object_without_a_russian_name_shows_its_kazakh_one_to_a_russian_reader():
    facility = make_facility(name_kk="№5 мектеп", name_ru=None)
    assert facility.display_name("ru") == "№5 мектеп"
    assert facility.display_name("en") == "№5 мектеп"
    objects = pd.DataFrame({"name_kk": ["№5 мектеп", None], "name_ru": [None, float("nan")]})
    assert list(display_name(objects, "ru")) == ["№5 мектеп", ""]


def test_the_oblast_is_named_the_same_way():
    assert list(display_name(DISTRICTS, "ru", "oblast")) == ["Алматинская область"] * 2
    assert said_by_i18n is display_name
