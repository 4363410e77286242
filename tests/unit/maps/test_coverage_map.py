"""Coverage maps as data and HTML: colours by class, hatched districts, escaped names, no CDN."""

import json

import pandas as pd
import pytest

from tests.unit.analytics.coverage_fixtures import districts
from tracker.domain.enums import RehabStatus
from tracker.maps.coverage import (
    GAP_CLASSES,
    HATCH_FILL,
    HATCH_ID,
    STATUS_COLOURS,
    TAXI_CLASSES,
    UNDER_SERVED,
    build_gap_map,
    build_invataxi_map,
    build_reach_map,
)

A, B, C = "331000000", "331800000", "333200000"
PAYLOAD = "<img src=x onerror=alert(1)>${document.title}`"


def square(kato, x, y):
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {"type": "Feature", "properties": {"kato": kato}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


GEOJSON = {
    "type": "FeatureCollection",
    "features": [square(A, 78, 45), square(B, 79, 45), square(C, 80, 45), square("999000000", 60, 50)],
}


def _layers(fmap):
    return [child for child in fmap._children.values() if type(child).__name__ == "GeoJson"]


def _fills(fmap):
    layer = _layers(fmap)[0]
    return {f["properties"]["kato"]: layer.style_function(f)["fillColor"] for f in layer.data["features"]}


def _taxi_coverage(eligible_estimate=(False, True, False)):
    # 2 + 8 vehicles for 500 + 500 eligible: 10 per 1,000 overall; A has 4, B 16, C no report
    return pd.DataFrame(
        {
            "kato": [A, B, C],
            "vehicles": [2, 8, float("nan")],
            "eligible": [500, 500, 300],
            "eligible_estimate": list(eligible_estimate),
            "vehicles_per_1000_eligible": [4.0, 16.0, float("nan")],
            "disabled_total": [20_000, 20_000, 12_000],
            "vehicles_per_1000": [0.1, 0.4, float("nan")],
            "norm_per_1000": 0.49,
            "demo": [True, True, False],
        }
    )


def _tooltips(fmap):
    return {f["properties"]["kato"]: f["properties"]["info"] for f in _layers(fmap)[0].data["features"]}


def test_invataxi_choropleth_colours_per_eligible_against_the_districts_shown_and_hatches_unknown():
    ds = districts((A, {}), (B, {}), (C, {}))
    fmap = build_invataxi_map(_taxi_coverage(), GEOJSON, ds, "ru", approximate=True, credit="geokz", tiles=None)
    assert _fills(fmap) == {A: TAXI_CLASSES[0][1], B: TAXI_CLASSES[3][1], C: HATCH_FILL}
    assert len(_layers(fmap)[0].data["features"]) == 3  # only the chosen districts are drawn
    html = fmap.get_root().render()
    assert f'<pattern id="{HATCH_ID}"' in html
    assert "Недостаточно данных" in html and "Демо-данные." in html and "Границы районов приблизительные" in html
    assert "Инватакси на 1 000 имеющих право" in html and "ниже общего показателя (10,0)" in html
    assert "зарегистрированных" not in html.split("Инватакси на 1 000 имеющих право")[1].split("≈: оценка по числу")[0]
    assert "cdn." not in html and "unpkg" not in html


def test_invataxi_tooltips_say_the_base_and_when_it_is_an_estimate():
    ds = districts((A, {}), (B, {}), (C, {}))
    fmap = build_invataxi_map(_taxi_coverage(), GEOJSON, ds, "en", approximate=False, credit="geokz", tiles=None)
    tips = _tooltips(fmap)
    assert tips[A] == "4.0 vehicles per 1,000 eligible (2 vehicles; eligible: 500)"
    assert tips[B] == "16.0 vehicles per 1,000 eligible (8 vehicles; eligible: ≈\u00a0500, estimate)"
    html = fmap.get_root().render()
    assert "≈: estimated from the registered where a district gives no count." in html


def test_invataxi_legend_says_nothing_of_estimates_when_every_base_is_counted():
    ds = districts((A, {}), (B, {}), (C, {}))
    coverage = _taxi_coverage(eligible_estimate=(False, False, False))
    html = build_invataxi_map(coverage, GEOJSON, ds, "kk", False, "geokz", tiles=None).get_root().render()
    assert "Құқығы бар 1 000 адамға Инватакси" in html and "норма емес" in html
    assert "тіркелгендер санынан бағаланған" not in html


def test_gap_map_hatches_insufficient_districts_and_shows_ranks():
    index = pd.DataFrame(
        {
            "kato": [A, B, C],
            "index": [0.9, 0.1, float("nan")],
            "rank": [1.0, 2.0, float("nan")],
            "completeness": [1.0, 1.0, 0.2],
            "sufficient": [True, True, False],
            "demo": False,
        }
    )
    fmap = build_gap_map(index, GEOJSON, districts((A, {}), (B, {}), (C, {})), "kk", False, "geokz", tiles=None)
    assert _fills(fmap) == {A: GAP_CLASSES[-1][1], B: GAP_CLASSES[0][1], C: HATCH_FILL}
    hatched = next(f for f in _layers(fmap)[0].data["features"] if f["properties"]["kato"] == C)
    assert _layers(fmap)[0].style_function(hatched)["dashArray"] == "6 4"
    assert "Деректер жеткіліксіз: салмақтың 20" in hatched["properties"]["info"]
    assert "1-орын" in json.dumps(_layers(fmap)[0].data, ensure_ascii=False)


@pytest.fixture
def reach_inputs():
    centres = pd.DataFrame(
        [
            {
                "id": 1,
                "name": PAYLOAD,
                "target_groups": ["children"],
                "places": 100.0,
                "status": "operating",
                "district_kato": A,
                "lat": 45.01,
                "lon": 78.37,
                "demo": True,
            },
            {
                "id": 2,
                "name": "Planned",
                "target_groups": ["children"],
                "places": None,
                "status": "planned",
                "district_kato": B,
                "lat": 45.4,
                "lon": 79.9,
                "demo": True,
            },
        ]
    )
    reach = pd.DataFrame(
        [
            {
                "id": "s1",
                "name_kk": "Алыс",
                "name_ru": PAYLOAD,
                "name_en": "Far",
                "district_kato": B,
                "lat": 46.2,
                "lon": 78.9,
                "population": 933.0,
                "km": 130.0,
                "beyond": True,
            },
            {
                "id": "s2",
                "name_kk": "Жақын",
                "name_ru": "Близко",
                "name_en": "Near",
                "district_kato": A,
                "lat": 45.0,
                "lon": 78.4,
                "population": float("nan"),
                "km": 2.0,
                "beyond": False,
            },
        ]
    )
    return centres, reach


def test_reach_map_sizes_and_colours_centres_and_marks_under_served_settlements(reach_inputs):
    centres, reach = reach_inputs
    fmap = build_reach_map(centres, reach, {1}, 50, GEOJSON, "ru", False, "geokz", tiles=None)
    layers = {layer.layer_name: layer for layer in _layers(fmap)}
    centre_layer = layers["Реабилитационные центры"]
    styles = [centre_layer.style_function(f) for f in centre_layer.data["features"]]
    assert styles[0]["fillColor"] == STATUS_COLOURS[RehabStatus.OPERATING] and styles[0]["radius"] > styles[1]["radius"]
    assert styles[1]["fillColor"] == STATUS_COLOURS[RehabStatus.PLANNED] and styles[1]["fillOpacity"] < 0.5
    settlement_layer = layers["Населённые пункты"]
    fills = [settlement_layer.style_function(f)["fillColor"] for f in settlement_layer.data["features"]]
    assert fills[0] == UNDER_SERVED and fills[1] != UNDER_SERVED
    html = fmap.get_root().render()
    assert "50000" in html.replace(".0", "")  # the 50 km ring of the eligible centre, in metres
    assert settlement_layer.data["features"][0]["properties"]["info"] == "до ближайшего центра 130 км · население 933"


def test_reach_map_escapes_names(reach_inputs):
    centres, reach = reach_inputs
    fmap = build_reach_map(centres, reach, {1}, 50, GEOJSON, "ru", False, "geokz", tiles=None)
    html = fmap.get_root().render()
    assert "<img src=x" not in html and "${document" not in html
    escaped = "&lt;img src=x onerror=alert(1)&gt;&#36;{document.title}&#96;"
    names = [
        f["properties"]["name"] for layer in _layers(fmap) for f in layer.data["features"] if "name" in f["properties"]
    ]
    assert names.count(escaped) == 2  # the centre and the settlement's Russian name
