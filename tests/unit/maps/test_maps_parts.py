"""Pieces of the progress map: district classes, filters, clicks, the centres and taxi layers."""

import copy
import html

import pandas as pd
import pytest

from tests import factories
from tests.unit.maps.map_fixtures import PAYLOADS, TODAY, districts, objects, shapes
from tracker.analytics.rollup import district_rollup, invataxi_by_district
from tracker.maps.choropleth import BAD_RAMP, GOOD_RAMP, NO_DATA, classes, district_link
from tracker.maps.extras import invataxi_layer, rehab_layer
from tracker.maps.objects_layer import decode_objects, encode_objects
from tracker.maps.progress_map import MapInputs, build_progress_map
from tracker.maps.safe import safe_html
from tracker.storage.mapping import INVATAXI, REHAB


@pytest.mark.parametrize(
    "value, colour",
    [
        (0.0, GOOD_RAMP[0]),
        (0.19, GOOD_RAMP[0]),
        (0.2, GOOD_RAMP[1]),
        (0.79, GOOD_RAMP[3]),
        (0.8, GOOD_RAMP[4]),
        (1.3, GOOD_RAMP[4]),
        (None, NO_DATA),
        (float("nan"), NO_DATA),
    ],
)
def test_shares_fall_in_fixed_twenty_percent_classes(value, colour):
    assert classes("pct_done", pd.DataFrame({"overdue": []}), "en").colour(value) == colour


def test_overdue_classes_start_at_zero_and_follow_the_data():
    rollup = pd.DataFrame({"overdue": [0, 1, 1, 2, 3, 8, 20]})
    scheme = classes("overdue", rollup, "en")
    assert scheme.labels[0] == "0" and scheme.colour(0) == BAD_RAMP[0]
    assert scheme.colour(20) == BAD_RAMP[-1]
    assert len(scheme.labels) == len(scheme.colours) == len(scheme.edges) + 1
    assert classes("overdue", pd.DataFrame({"overdue": [0, 0]}), "en").labels == ("0", "≥ 1")


def test_unknown_metric_is_refused():
    with pytest.raises(ValueError, match="unknown map metric"):
        classes("nonsense", pd.DataFrame(), "en")


def test_district_link_keeps_only_digits():
    assert district_link("331000000", "ru") == "/district?kato=331000000&lang=ru"
    assert district_link('33"><script>', "kk") == "/district?kato=33&lang=kk"


def test_encoding_round_trips_and_shares_repeated_names():
    frame = objects(stages=["planned"] * 3 + ["accepted"], names=["A", "B", "A", "A"])
    data = encode_objects(frame, "kk")
    assert data["names"] == ["A", "B"]
    back = decode_objects(data)
    assert back["id"].tolist() == frame["id"].tolist()
    assert back["name"].tolist() == ["A", "B", "A", "A"]


def test_russian_names_fall_back_to_kazakh():
    frame = objects(stages=["planned", "planned"])
    frame.loc[0, "name_ru"] = None
    frame.loc[1, "name_ru"] = "Школа"
    assert decode_objects(encode_objects(frame, "ru"))["name"].tolist() == ["№1 мектеп", "Школа"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_centre_and_taxi_tooltips_escape_what_people_typed(payload):
    centres = pd.DataFrame([REHAB.to_row(factories.rehab(name=payload, source=payload)) | {"id": 1}])
    reports = pd.DataFrame([INVATAXI.to_row(factories.invataxi(source=payload)) | {"id": 1}])
    group = rehab_layer(centres, "kk")
    taxis = invataxi_layer(invataxi_by_district(reports), districts(), "kk")
    import folium

    fmap = folium.Map()
    group.add_to(fmap)
    taxis.add_to(fmap)
    page = fmap.get_root().render()
    dangerous = [payload] if set(payload) & set("<>$`") else []
    for raw in (*dangerous, "<script>alert", "<img", "${document", "`backtick`", "49 template"):
        assert raw not in page
    assert safe_html(payload) in page
    assert html.unescape(safe_html(payload)) == payload  # shows as typed


def test_taxi_badge_shows_vehicles_and_per_1000_with_the_estimate_label():
    reports = pd.DataFrame(
        [INVATAXI.to_row(factories.invataxi(month=f"2025-{m:02d}", vehicles=m)) | {"id": m} for m in range(1, 13)]
    )
    summary = invataxi_by_district(reports)
    frame = districts()
    page = invataxi_layer(summary, frame, "en")
    import folium

    fmap = folium.Map()
    page.add_to(fmap)
    text = fmap.get_root().render()
    assert "\\u003c/svg\\u003e12\\u003c/div\\u003e" in text  # the latest month's vehicles
    assert "Vehicles (12.2025)" in text


def test_a_copy_of_the_map_renders_the_same_script_for_streamlit_folium_every_time():
    """st_folium renames elements in place; the page hands it a deep copy of the cached map."""
    from streamlit_folium import _get_map_string, generate_js_hash

    frame = objects()
    fmap = build_progress_map(MapInputs(frame, shapes(), districts(), district_rollup(frame, TODAY), True, "x"), "kk")
    hashes = set()
    for _ in range(3):
        run = copy.deepcopy(fmap)
        run.get_root().render()
        script = _get_map_string(run)
        assert "tracker_objects_div" in script
        hashes.add(generate_js_hash(script, "progress_map"))
    assert len(hashes) == 1  # same key: the component is not remounted on a rerun


@pytest.mark.parametrize(
    "payload",
    [
        "{{ 7*7 }}",
        "{{{ 7*7 }}}",
        "{% if true %}49{% endif %}",
        "{#x#}49",
        "{{ cycler.__init__.__globals__.os.getcwd() }}",
    ],
)
def test_text_that_looks_like_a_template_is_never_run_by_folium(payload):
    """folium compiles every element's rendered script again as Jinja: safe_html must stop that."""
    import os

    import folium

    fmap = folium.Map()
    folium.Marker(
        [45, 70], tooltip=folium.Tooltip(safe_html(payload)), icon=folium.DivIcon(html=safe_html(payload))
    ).add_to(fmap)
    page = fmap.get_root().render()
    assert page.count(safe_html(payload)) == 1  # the tooltip, untouched by Jinja
    assert os.getcwd() not in page
    assert html.unescape(safe_html(payload)) == payload


def test_objects_with_an_approximate_location_are_flagged_to_be_drawn_hollow():
    frame = pd.DataFrame(
        {
            "id": [3, 1, 2],
            "name_kk": ["A", "B", "C"],
            "name_ru": [None, None, None],
            "lat": [43.2, 43.3, 43.4],
            "lon": [76.6, 76.7, 76.8],
            "stage": ["planned", "planned", "in_works"],
            "location_precision": ["district", "exact", "settlement"],
        }
    )
    data = encode_objects(frame, "kk")
    assert data["a"] == [1, 2]  # in id order: id 1 exact, id 2 settlement, id 3 district
    assert encode_objects(frame.drop(columns="location_precision"), "kk")["a"] == []


@pytest.mark.parametrize(
    "value, point",
    [
        ({"last_clicked": {"lat": 43.1987654321, "lng": 76.6212345678}}, (43.198765, 76.621235)),
        ({"last_clicked": {"lat": 43.2, "lng": 436.62}}, (43.2, 76.62)),  # one world to the east
        ({"last_clicked": None}, None),
        (None, None),
        ({"last_clicked": {"lat": "x", "lng": 1}}, None),
    ],
)
def test_a_click_on_the_edit_map_gives_the_new_point(value, point):
    from tracker.maps.clicks import clicked_point

    assert clicked_point(value) == point
