"""The progress map in Chromium: filter by stage, click an object, see its details; and a
name full of HTML, JavaScript and template syntax shows as text and runs nothing."""

import html
import re

import pytest

from tests import factories
from tests.support.browser import MAP_FRAME, after, open_url
from tests.support.streamlit_server import StreamlitServer, demo_database
from tracker.domain.enums import Stage
from tracker.maps.palette import STAGE_COLOURS
from tracker.services.actor import SYSTEM
from tracker.services.facilities import create_facility

# pytest-xdist --dist loadgroup: the shared demo server (tests/e2e/conftest.py::demo_app) is started by one worker only.
pytestmark = pytest.mark.xdist_group("demo_app")

PAYLOAD = "<img src=x onerror=document.title='PWNED'>${document.body.id='PWNED'}`{{ 7*7 }}`</script>"
NBSP = "\u00a0"


# How many objects the map's object layer holds, in a map frame's window (-1: not drawn yet).
_LAYER_SIZE = """w => { if (!w || !w.map || !w.L || !w.L.TrackerObjects) return -1; let lay = null;
    w.map.eachLayer(l => { if (l instanceof w.L.TrackerObjects) lay = l; });
    return lay ? lay._ids.length : -1; }"""


def map_frame(page, objects: int | None = None):
    """The map's frame once its object layer is drawn (holding ``objects`` objects, when given:
    a new selection remounts the map, and the old frame may linger for a moment)."""
    page.wait_for_function(
        f"""([sel, n]) => [...document.querySelectorAll(sel)].some(f => {{
            const size = ({_LAYER_SIZE})(f.contentWindow); return n === null ? size >= 0 : size === n; }})""",
        arg=[MAP_FRAME, objects],
    )
    frames = [f for f in page.frames if "streamlit_folium" in f.url and not f.is_detached()]
    sizes = [f.evaluate(f"() => ({_LAYER_SIZE})(window)") for f in frames]
    return next(f for f, size in zip(frames, sizes) if (size >= 0 if objects is None else size == objects))


def objects_on_map(frame) -> dict:
    """What the map's object layer holds: ids, stage indexes and (escaped) names."""
    return frame.evaluate("""() => { let lay = null;
        window.map.eachLayer(l => { if (l instanceof L.TrackerObjects) lay = l; });
        return {ids: Array.from(lay._ids), stages: Array.from(lay._stage),
                names: Array.from(lay._nameOf, i => lay._names[i])}; }""")


def zoom_to(frame, object_id: int) -> dict:
    """Centre the map on one object at street zoom; its circle's point in the map."""
    return frame.evaluate(
        """async (id) => { let lay = null;
        window.map.eachLayer(l => { if (l instanceof L.TrackerObjects) lay = l; });
        const i = lay._ids.indexOf(id);
        window.map.setView([lay._lat[i], lay._lng[i]], 17, {animate: false});
        while (!lay._shown.length) await new Promise(r => requestAnimationFrame(r));  // redrawn
        const p = window.map.latLngToContainerPoint([lay._lat[i], lay._lng[i]]);
        return {x: p.x, y: p.y, shown: lay._shown.length}; }""",
        object_id,
    )


def hover_object(page, frame, object_id: int) -> tuple[float, float]:
    """Centre the map on the object and put the mouse on it (its tooltip opens); the point."""
    point = zoom_to(frame, object_id)
    assert point["shown"] >= 1
    box_locator = page.locator(MAP_FRAME)
    box_locator.scroll_into_view_if_needed()
    box = box_locator.bounding_box()
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    page.mouse.move(x, y)
    frame.locator(".leaflet-tooltip").last.wait_for(state="attached")  # the tooltip opened
    return x, y


def click_object(page, frame, object_id: int) -> None:
    x, y = hover_object(page, frame, object_id)
    after(page, lambda: page.mouse.click(x, y))  # streamlit-folium reports the click: a run


def shown_count(page) -> int:
    text = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="Картада").first.inner_text()
    return int(re.search(r"Картада: ([\d\s\u00a0]+)", text).group(1).replace(NBSP, "").replace(" ", ""))


def test_filter_by_stage_then_click_an_object_and_see_its_details(demo_app, page):
    open_url(page, f"{demo_app.url}/map")
    frame = map_frame(page)
    assert len(objects_on_map(frame)["ids"]) == shown_count(page) == 1294

    stage_filter = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Кезең")
    stage_filter.locator("input").click()

    def pick() -> None:
        page.get_by_role("option", name="Комиссия қабылдады").click()
        page.keyboard.press("Escape")

    after(page, pick)
    accepted = shown_count(page)
    assert 0 < accepted < 1294
    frame = map_frame(page, accepted)  # a new selection remounts the map with only those objects
    data = objects_on_map(frame)
    assert len(data["ids"]) == accepted
    assert set(data["stages"]) == {5}  # Stage.ACCEPTED's index in the shipped data

    legend = frame.locator("#trk-legend").inner_text()
    assert "Комиссия қабылдады — " in legend and "Жоспардың орындалуы, %" in legend
    rings = frame.evaluate("() => Array.from(document.querySelectorAll('.trk-ring'), r => r.style.background)")
    assert rings and all("rgb(0, 158, 115)" in r for r in rings)  # every ring all accepted green

    object_id, name = data["ids"][0], html.unescape(data["names"][0])
    zoom_to(frame, object_id)
    fills = frame.evaluate("""() => { let lay = null;
        window.map.eachLayer(l => { if (l instanceof L.TrackerObjects) lay = l; });
        return lay._shown.map(m => m.options.fillColor); }""")
    assert fills and set(fills) == {STAGE_COLOURS[Stage.ACCEPTED]}  # the legend's green
    click_object(page, frame, object_id)
    details = page.locator(".st-key-map_details").inner_text()
    assert name in details
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


@pytest.fixture(scope="module")
def payload_app(tmp_path_factory):
    """The app over the demo data plus one object whose name is an attack, created by the service."""
    data_dir, db = demo_database(tmp_path_factory, "map-payload")
    create_facility(
        db,
        SYSTEM,
        factories.facility(
            external_id="XSS-1", name_kk=PAYLOAD, name_ru=PAYLOAD, stage="in_works", lat=45.0333, lon=78.4111
        ),
    )
    db.dispose()
    server = StreamlitServer(data_dir)
    yield server
    server.stop()


def test_a_hostile_name_shows_as_text_and_runs_nothing(payload_app, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_url(page, f"{payload_app.url}/map")
    title = page.title()
    frame = map_frame(page)
    data = objects_on_map(frame)
    index = next(i for i, n in enumerate(data["names"]) if html.unescape(n) == PAYLOAD)
    object_id = data["ids"][index]

    hover_object(page, frame, object_id)
    tooltip = frame.locator(".leaflet-tooltip").last
    tooltip.wait_for(state="attached")
    shown = tooltip.inner_text()
    assert PAYLOAD in shown and "49" not in shown
    click_object(page, frame, object_id)
    details = page.locator(".st-key-map_details").inner_text()
    assert "<img src=x" in details  # the name, shown as text

    assert frame.evaluate("() => [document.title, document.body.id]")[1] != "PWNED"
    assert "PWNED" not in frame.evaluate("() => document.title")
    assert page.title() == title and "PWNED" not in page.title()
    assert page.evaluate("() => document.body.id") != "PWNED"
    assert frame.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert page.locator('[data-testid="stException"]').count() == 0
