"""The live map in Chromium: stage buttons change the counts and the drawn objects with no data
sent again, a click opens the object's panel, a shared address opens the same view, a save made
elsewhere shows on an open map, and a hostile name stays text."""

import time
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from tests import factories
from tests.support.browser import after, open_url, quiet
from tests.support.streamlit_server import StreamlitServer, demo_database
from tracker.analytics.progress import is_overdue
from tracker.domain import calendar
from tracker.domain.enums import Stage
from tracker.maps.live.pack import STAGES
from tracker.services.actor import SYSTEM
from tracker.services.facilities import create_facility, update_facility
from tracker.storage.database import Database
from tracker.storage.queries import facilities_frame
from tracker.storage.tables import facilities, rehab_centers

# pytest-xdist --dist loadgroup: the shared demo server (tests/e2e/conftest.py::demo_app) is started by one worker only.
pytestmark = pytest.mark.xdist_group("demo_app")

MAP_FRAME = 'iframe[title="tracker.ui.components.live_map.livemap"]'
PAYLOAD = "<img src=x onerror=document.title='PWNED'>${document.body.id='PWNED'}`{{ 7*7 }}`</script>"
ACCEPTED = STAGES.index("accepted")


def frames_of(page) -> list[int]:
    """Sizes of the websocket messages the page receives, from now on."""
    sizes: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: sizes.append(len(f) if f else 0)))
    return sizes


def open_map(page, url: str):
    open_url(page, url)
    page.frame_locator(MAP_FRAME).locator("#root[data-shown]").wait_for(state="attached", timeout=90_000)
    return page.frame_locator(MAP_FRAME)


def wait_for(page, predicate, timeout: float = 60, what: str = "the condition") -> None:
    """Poll ``predicate`` while the page keeps running (Playwright handles its events meanwhile)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def counts(frame) -> dict[str, int]:
    return {
        STAGES[int(b.get_attribute("data-stage"))]: int("".join(ch for ch in b.inner_text() if ch.isdigit()) or 0)
        for b in frame.locator("button.lm-chip .lm-count").all()
        for b in [b.locator("xpath=..")]
    }


def root_data(frame, key: str) -> str | None:
    return frame.locator("#root").get_attribute(f"data-{key}")


def _frame_db(server) -> Database:
    return Database.at(f"sqlite:///{server.data_dir / 'tracker.db'}")


def test_stage_buttons_change_counts_and_drawn_objects_without_sending_data_again(demo_app, page):
    sizes = frames_of(page)
    frame = open_map(page, f"{demo_app.url}/map")
    with _frame_db(demo_app).read() as store:
        stages = list(store.conn.execute(select(facilities.c.stage).where(facilities.c.deleted_at.is_(None))).scalars())
    total = len(stages)
    assert root_data(frame, "shown") == str(total)
    before = counts(frame)
    assert before["accepted"] == stages.count("accepted") and sum(before.values()) == total
    drawn_all = int(root_data(frame, "drawn"))
    assert drawn_all > 0
    quiet(page)  # every message of the runs so far has arrived
    received = len(sizes)
    received_bytes = sum(sizes)
    assert received_bytes > total * 14  # the packed objects came over the websocket once

    frame.locator(f'button.lm-chip[data-stage="{ACCEPTED}"]').click()
    wait_for(page, lambda: root_data(frame, "shown") == str(stages.count("accepted")), what="the redraw")
    assert int(root_data(frame, "drawn")) < drawn_all
    assert frame.locator(f'button.lm-chip[data-stage="{ACCEPTED}"]').get_attribute("aria-pressed") == "true"
    frame.locator("select[data-key=sector]").select_option(index=1)  # the first sector
    wait_for(page, lambda: int(root_data(frame, "shown")) < stages.count("accepted"), what="the sector filter")
    after = counts(frame)
    assert after["accepted"] == int(root_data(frame, "shown")) and after != before
    wait_for(page, lambda: "stage=accepted" in page.url and "sector=" in page.url, what="the view in the address")
    quiet(page)  # every message of the runs so far has arrived
    assert sum(sizes[received:]) < total * 14  # less than the packed objects alone: they were not sent again
    assert sum(sizes[received:]) < received_bytes / 4
    table = frame.locator("table.lm-rank tbody tr")
    assert table.count() >= 1 and "district?kato=" in table.first.locator("a").get_attribute("href")
    assert page.errors == []


def test_click_an_object_and_see_its_panel(demo_app, page):
    frame = open_map(page, f"{demo_app.url}/map")
    with _frame_db(demo_app).read() as store:
        row = store.conn.execute(
            select(facilities.c.name_kk, facilities.c.lat, facilities.c.lon).where(facilities.c.stage == "in_works")
        ).first()
    iframe = page.frame_locator(MAP_FRAME).owner
    iframe.scroll_into_view_if_needed()
    handle = next(f for f in page.frames if "live_map.livemap" in f.url)
    point = handle.evaluate(
        """async ([lat, lon]) => { window.liveMap.setView([lat, lon], 18, {animate: false});
        await new Promise(r => setTimeout(r, 400));
        const p = window.liveMap.latLngToContainerPoint([lat, lon]);
        const box = window.liveMap.getContainer().getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y}; }""",
        [row.lat, row.lon],
    )
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    info = frame.locator(".lm-info")
    info.wait_for(state="visible", timeout=10_000)
    assert "Жұмыстар жүргізілуде" in info.inner_text()  # the stage, at once, in the map's own box
    details = page.locator(".st-key-map_details")
    wait_for(page, lambda: row.name_kk in details.inner_text(), what="the object's panel")
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_shared_address_opens_the_same_view(demo_app, page):
    frame = open_map(page, f"{demo_app.url}/map?stage=in_works,procurement&overdue=1&metric=overdue")
    with _frame_db(demo_app).read() as store:
        frame_all = facilities_frame(store.conn)
    late = frame_all[is_overdue(frame_all, calendar.today()) & frame_all["stage"].isin(["in_works", "procurement"])]
    assert root_data(frame, "shown") == str(len(late))
    for stage in ("in_works", "procurement"):
        chip = frame.locator(f'button.lm-chip[data-stage="{STAGES.index(stage)}"]')
        assert chip.get_attribute("aria-pressed") == "true"
    assert frame.locator("input[data-key=overdue]").is_checked()
    assert frame.locator("select[data-key=metric]").input_value() == "overdue"
    # the page writes the view back into the address in its own order once the run that drew it ends
    wanted = {"stage": ["procurement,in_works"], "overdue": ["1"]}
    wait_for(
        page,
        lambda: {k: parse_qs(urlparse(page.url).query).get(k) for k in wanted} == wanted,
        what="the address to keep the view",
    )


def test_the_server_says_it_is_ready_once_it_has_read_the_map(demo_app):
    deadline = time.time() + 180
    status = None
    while time.time() < deadline and status != 200:
        try:
            with urllib.request.urlopen(f"{demo_app.url}/_tracker/ready", timeout=10) as answer:
                status = answer.status
        except urllib.error.HTTPError as refused:  # 503 while warming up
            status = refused.code
            time.sleep(0.5)
    assert status == 200


def test_the_rehabilitation_layer_shows_its_centres_and_a_click_names_one(demo_app, page):
    frame = open_map(page, f"{demo_app.url}/map")
    with _frame_db(demo_app).read() as store:
        live = rehab_centers.c.deleted_at.is_(None)
        placed = select(rehab_centers.c.name).where(live, rehab_centers.c.lat.is_not(None))
        names = set(store.conn.execute(placed).scalars())
    assert names and frame.locator(".lm-rehab").count() == 0  # off until asked for
    after(page, lambda: frame.locator("input[data-key=rehab]").check())  # the view goes to the address: a run
    wait_for(page, lambda: frame.locator(".lm-rehab").count() == len(names), what="the centres on the map")
    quiet(page)
    handle = next(f for f in page.frames if "live_map.livemap" in f.url)
    on_top = handle.evaluate(  # centres in one town overlap at the national zoom: click one not covered
        """() => [...document.querySelectorAll('.lm-rehab')].findIndex((m) => {
            const r = m.getBoundingClientRect();
            return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === m; })"""
    )
    assert on_top >= 0
    frame.locator(".lm-rehab").nth(on_top).click()
    info = frame.locator(".lm-info")
    info.wait_for(state="visible", timeout=60_000)
    assert info.locator("b").inner_text() in names
    assert "rehab=1" in page.url  # the layer is part of the shared view
    frame.locator("input[data-key=rehab]").uncheck()
    wait_for(page, lambda: frame.locator(".lm-rehab").count() == 0, what="the centres gone")


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    """Its own database: the test below changes an object while the map is open."""
    data_dir, db = demo_database(tmp_path_factory, "live-map")
    create_facility(
        db,
        SYSTEM,
        factories.facility(external_id="XSS-1", name_kk=PAYLOAD, name_ru=PAYLOAD, lat=45.0333, lon=78.4111),
    )
    db.dispose()
    server = StreamlitServer(data_dir)
    yield server
    server.stop()


def test_a_save_made_in_another_session_shows_on_the_open_map(live_app, page):
    frame = open_map(page, f"{live_app.url}/map")
    before = counts(frame)
    db = _frame_db(live_app)
    with db.read() as store:
        fid, version = store.conn.execute(
            select(facilities.c.id, facilities.c.version).where(facilities.c.stage == "planned")
        ).first()
    update_facility(db, SYSTEM, fid, {"stage": Stage.DESIGN_ESTIMATE}, version, comment="another session")
    db.dispose()
    wait_for(
        page,
        lambda: counts(frame).get("design_estimate") == before["design_estimate"] + 1,
        timeout=90,
        what="the new stage on the open map",
    )
    assert counts(frame)["planned"] == before["planned"] - 1


def test_a_hostile_name_stays_text_in_the_panel(live_app, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_map(page, f"{live_app.url}/map")
    title = page.title()
    iframe = page.frame_locator(MAP_FRAME).owner
    iframe.scroll_into_view_if_needed()
    handle = next(f for f in page.frames if "live_map.livemap" in f.url)
    point = handle.evaluate(
        """async () => { window.liveMap.setView([45.0333, 78.4111], 18, {animate: false});
        await new Promise(r => setTimeout(r, 400));
        const p = window.liveMap.latLngToContainerPoint([45.0333, 78.4111]);
        const box = window.liveMap.getContainer().getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y}; }"""
    )
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    details = page.locator(".st-key-map_details")
    wait_for(page, lambda: "<img src=x" in details.inner_text(), what="the panel with the name as text")
    assert page.title() == title and "PWNED" not in page.title()
    assert page.evaluate("() => document.body.id") != "PWNED"
    assert handle.evaluate("() => [document.title, document.body.id]")[1] != "PWNED"
    assert page.locator("img[src='x']").count() == 0 and dialogs == []
