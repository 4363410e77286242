"""The progress map builder, on its folium tree and its rendered HTML (no browser)."""

import html
import json
import re

import pandas as pd
import pytest

from tests.unit.maps.map_fixtures import PAYLOADS, TODAY, districts, objects, shapes
from tracker.analytics.rollup import district_rollup
from tracker.domain.enums import Stage
from tracker.i18n import label, t
from tracker.maps.objects_layer import DATA_ELEMENT_ID, STAGES, ObjectsLayer, decode_objects
from tracker.maps.palette import STAGE_COLOURS
from tracker.maps.progress_map import MapInputs, build_progress_map

DATA_RE = re.compile(rf'<script type="application/json" id="{DATA_ELEMENT_ID}">(.*?)</script>', re.S)


def build(frame: pd.DataFrame, lang: str = "kk", approximate: bool = True, metric: str = "pct_done", **over):
    inputs = MapInputs(
        frame,
        shapes(),
        districts(),
        district_rollup(frame, TODAY),
        approximate=approximate,
        credit="geokz, A. Rodionov, CC BY 4.0",
        **over,
    )
    return build_progress_map(inputs, lang, metric)


def shipped(page: str) -> pd.DataFrame:
    blocks = DATA_RE.findall(page)
    assert len(blocks) == 1, "the objects travel exactly once"
    return decode_objects(json.loads(blocks[0]))


@pytest.fixture(scope="module")
def frame():
    return objects()


@pytest.fixture(scope="module")
def page(frame):
    return build(frame).get_root().render()


def test_every_object_is_shipped_once_with_its_place_and_stage(frame, page):
    data = shipped(page).sort_values("id").reset_index(drop=True)
    expected = frame.sort_values("id").reset_index(drop=True)
    assert data["id"].tolist() == expected["id"].tolist()
    assert data["stage"].tolist() == expected["stage"].tolist()
    assert (data["lat"] - expected["lat"]).abs().max() < 1e-5
    assert (data["lon"] - expected["lon"]).abs().max() < 1e-5


def test_stage_colours_are_the_palette_in_the_order_the_data_indexes(frame):
    fmap = build(frame)
    layer = next(c for c in fmap._children.values() if isinstance(c, ObjectsLayer))
    assert layer.layer_options["colours"] == [STAGE_COLOURS[s] for s in STAGES]
    assert layer.layer_options["labels"] == [label(s, "kk") for s in STAGES]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_legend_names_each_stage_beside_its_colour_with_counts(frame, lang):
    page = build(frame, lang).get_root().render()
    legend = re.search(r'<details open class="trk-legend" id="trk-legend">(.*?)</details>', page, re.S).group(1)
    for stage in Stage:
        row = f'background:{STAGE_COLOURS[stage]}"></span>{html.escape(label(stage, lang))} — 1</div>'
        assert row in legend
    assert t("maps.approximate", lang) in legend
    assert t("maps.credit", lang, source="geokz, A. Rodionov, CC BY 4.0") in legend


def test_the_legend_and_outlines_say_approximate_only_when_they_are(frame):
    assert '"dashArray": "4 3"' in build(frame).get_root().render()  # dashed outlines
    real = build(frame, approximate=False).get_root().render()
    assert t("maps.approximate", "kk") not in real
    assert "geokz, A. Rodionov, CC BY 4.0" in real  # credited on the map itself


def test_no_cdn_and_every_script_is_inlined(page):
    assert not re.search(r"cdn\.|cdnjs|unpkg|jsdelivr|code\.jquery|bootstrapcdn|googleapis", page)
    sources = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert sources and all(src.startswith("data:text/javascript;base64,") for src in sources)
    links = re.findall(r'<link[^>]+href="([^"]+)"', page)
    assert all(href.startswith("data:text/css;base64,") for href in links)


def test_layers_objects_districts_rehab_and_invataxi_are_in_the_layer_control(frame):
    from tests.factories import invataxi, rehab
    from tracker.analytics.rollup import invataxi_by_district
    from tracker.storage.mapping import INVATAXI, REHAB

    centres = pd.DataFrame([REHAB.to_row(rehab()) | {"id": 1}])
    taxi = invataxi_by_district(pd.DataFrame([INVATAXI.to_row(invataxi()) | {"id": 1}]))
    page = build(frame, rehab=centres, invataxi=taxi).get_root().render()
    control = re.search(r"overlays :\s*\{(.*?)\}", page, re.S).group(1)
    for key in ("maps.layer_districts", "maps.layer_rehab", "maps.layer_invataxi", "maps.layer_objects"):
        assert json.dumps(t(key, "kk")) in control
    assert "«Бәйтерек» күндізгі орталығы" in html.unescape(page)


@pytest.mark.parametrize("metric", ["pct_done", "execution", "overdue"])
def test_districts_are_coloured_by_the_chosen_figure_with_figures_on_hover(frame, metric):
    fmap = build(frame, metric=metric)
    geo = next(c for c in fmap._children.values() if type(c).__name__ == "GeoJson")
    props = {f["properties"]["kato"]: f["properties"] for f in geo.data["features"]}
    taldykorgan = props["331000000"]
    assert taldykorgan["kind"] == "district"
    assert "Талдықорған" in taldykorgan["tip"]
    assert (
        'href="/district?kato=331000000&amp;lang=kk"' in taldykorgan["link"]
        or 'href="/district?kato=331000000&lang=kk"' in taldykorgan["link"]
    )
    empty = [p for k, p in props.items() if k not in ("331000000", "331800000")]
    assert all(p["fill"] == "#ffffff" for p in empty)
    page = fmap.get_root().render()
    assert t(f"maps.metric_{metric}", "kk") in page


def test_an_empty_selection_still_draws_the_districts():
    frame = objects().iloc[:0]
    page = build(frame).get_root().render()
    assert shipped(page).empty
    assert "331000000" in page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_names_are_inert_in_the_page_and_show_as_text(payload):
    frame = objects(stages=["planned", "accepted"], names=[payload, "ordinary"])
    page = build(frame).get_root().render()
    dangerous = [payload] if set(payload) & set("<>$`") else []
    for raw in (*dangerous, "<script>alert", "<img", "${document", "`backtick`", "49 template"):
        assert raw not in page
    names = shipped(page)["name"]
    # The browser reads the escaped name as HTML (tooltip): it shows the payload as text.
    assert html.unescape(names.iloc[0]) == payload


def test_the_map_tree_holds_districts_objects_and_the_layer_control_once(frame):
    children = [c["name"] for c in build(frame).to_dict()["children"].values()]
    assert children.count("GeoJson") == 1
    assert children.count("TrackerObjects") == 1
    assert children[-1] == "LayerControl"  # last, so that it lists every layer
    assert "Marker" not in children  # no folium object per object


def test_the_legend_explains_the_hollow_markers_of_approximate_locations(frame):
    approximate = frame.assign(location_precision=["district"] * 3 + ["exact"] * (len(frame) - 3))
    page = build(approximate, "ru").get_root().render()
    assert "Место примерное (населённый пункт или центр района) — 3" in page
    assert "Место примерное" not in build(frame, "ru").get_root().render()
