"""Rehabilitation centres and Invataxi as layers of the live map: plain text the script shows as text."""

import pandas as pd
import pytest

from tests import factories
from tests.unit.maps.map_fixtures import PAYLOADS, districts
from tracker.analytics.rollup import invataxi_by_district
from tracker.maps.live.places import invataxi_points, rehab_points
from tracker.storage.mapping import INVATAXI, REHAB


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_centre_comes_with_its_name_kind_places_and_source_in_the_language(lang):
    centres = pd.DataFrame([REHAB.to_row(factories.rehab(name="«Аяла»", places=50)) | {"id": 1}])
    (point,) = rehab_points(centres, lang)
    assert point["name"] == "«Аяла»" and point["lat"] == centres.at[0, "lat"]
    words = {"kk": "Орын", "ru": "Мест", "en": "Places"}[lang]
    assert any(k.startswith(words) and v == "50" for k, v in point["lines"])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_what_people_typed_reaches_the_script_as_typed_for_text_content(payload):
    centres = pd.DataFrame([REHAB.to_row(factories.rehab(name=payload, source=payload)) | {"id": 1}])
    reports = pd.DataFrame([INVATAXI.to_row(factories.invataxi(source=payload)) | {"id": 1}])
    (centre,) = rehab_points(centres, "ru")
    (taxi,) = invataxi_points(invataxi_by_district(reports), districts(), "ru")
    assert centre["name"] == payload  # not pre-escaped: the script sets it with textContent
    assert any(payload in v for _, v in centre["lines"])  # the source line
    assert any(payload in v for _, v in taxi["lines"]) and isinstance(taxi["vehicles"], int)


def test_a_centre_without_a_point_and_a_district_without_a_centre_are_left_off():
    centres = pd.DataFrame([REHAB.to_row(factories.rehab()) | {"id": 1, "lat": None, "lon": None}])
    assert rehab_points(centres, "kk") == []
    reports = pd.DataFrame([INVATAXI.to_row(factories.invataxi(district_kato="999999999")) | {"id": 1}])
    assert invataxi_points(invataxi_by_district(reports), districts(), "kk") == []
