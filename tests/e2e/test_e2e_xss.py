"""Script, HTML and template payloads typed into every free-text field render as text in Chromium."""

import io
from datetime import date

import pytest
from PIL import Image

from tests.support.browser import go, map_drawn, open_url, quiet, sign_in
from tests.support.streamlit_server import demo_database, first_object, serving
from tracker.services import evidence
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.facilities import update_facility
from tracker.services.users import add_user
from tracker.services.visits import record_visit

# pytest-xdist --dist loadgroup: this module's server is started by one worker only.
pytestmark = pytest.mark.xdist_group("e2e_xss")

IMG = "<img src=x onerror=\"document.title='PWNED'\">"
SCRIPT = '<script>document.body.id="PWNED"</script>'
TEMPLATE = "${document.body.id='PWNED'}`{{7*7}}"
PASSWORD = "Xss-secret-passphrase"


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "xss")
    fid, version = first_object(db, stage="completed")
    update_facility(
        db,
        SYSTEM,
        fid,
        {"name_kk": IMG + TEMPLATE, "name_ru": SCRIPT, "contractor": SCRIPT + TEMPLATE, "address": IMG},
        version,
        comment=IMG + TEMPLATE,
    )
    image = io.BytesIO()
    Image.new("RGB", (40, 30), "#009E73").save(image, "PNG")
    monitor = Actor(IMG, Role.MONITOR)
    record_visit(
        db,
        monitor,
        {
            "facility_id": fid,
            "visited_on": date(2025, 5, 20),
            "organisation": TEMPLATE + SCRIPT,
            "findings": {"wheelchair": "VND"},
            "zone_notes": {"entrance": IMG},
            "comment": SCRIPT,
        },
        [evidence.Upload(IMG + ".png", image.getvalue())],
        root=data_dir / "evidence",
    )
    add_user(
        db,
        SYSTEM,
        {"username": "boss", "display_name": IMG + TEMPLATE, "role": "admin", "organisation": SCRIPT},
        PASSWORD,
    )
    with serving(data_dir, db) as server:
        yield server, fid


def _nothing_ran(page) -> None:
    for frame in page.frames:
        title, body_id = frame.evaluate("() => [document.title, document.body ? document.body.id : '']")
        assert "PWNED" not in title and body_id != "PWNED", frame.url
    assert page.dialogs == []
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.fixture
def watched(page):
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def _poisoned_marker(frame, markers):
    """The discrepancy marker whose tooltip carries the payload, and that tooltip's text."""
    for i in range(markers.count()):
        marker = markers.nth(i)
        marker.dispatch_event("mouseover")
        tips = frame.locator(".leaflet-tooltip")
        text = tips.last.inner_text() if tips.count() else ""
        if IMG in text:
            return marker, text
        marker.dispatch_event("mouseout")
    raise AssertionError("no discrepancy marker carries the poisoned name")


@pytest.mark.browser
def test_payloads_render_as_text_in_the_map_popup_and_tooltip(poisoned, watched):
    server, _fid = poisoned
    page = watched
    open_url(page, f"{server.url}/claimed-vs-verified")
    frame = map_drawn(page)
    markers = frame.locator('path.leaflet-interactive[fill="#D55E00"]')
    markers.first.wait_for(state="attached")
    marker, tooltip = _poisoned_marker(frame, markers)  # among the demo NGO's discrepancies
    assert IMG in tooltip and "${document.body.id" in tooltip
    marker.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.first.wait_for()
    assert TEMPLATE.split("`")[0] in popup.first.inner_text() and SCRIPT in popup.first.inner_text()
    quiet(page)
    _nothing_ran(page)


@pytest.mark.browser
def test_payloads_render_as_text_in_the_sidebar_tables_and_forms(poisoned, watched):
    server, _fid = poisoned
    page = watched
    sign_in(page, server, "boss", PASSWORD)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert IMG in sidebar.inner_text()  # the display name, as typed
    for title in ("Пайдаланушылар", "Мониторингтік тексерулер", "Нысанды өзгерту"):
        go(page, title)
        _nothing_ran(page)
    quiet(page)
    _nothing_ran(page)
