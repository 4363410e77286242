"""The passport per zone in Chromium: an editor on a phone assesses the entrance zone by zone,
saves, and the object page shows the conclusion computed from the zones."""

import pytest
from sqlalchemy import select

from tests.support.browser import after, choose, go, new_page, open_object, open_url, quiet, sign_in
from tests.support.streamlit_server import StreamlitServer, demo_database
from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.passport import Zone
from tracker.services.actor import SYSTEM
from tracker.services.users import add_user
from tracker.storage.tables import facilities

PASSWORD = "Passport-secret-2025"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "passport")
    add_user(
        db,
        SYSTEM,
        {"username": "asel", "display_name": "Asel", "role": "district_editor", "districts": ["331000000"]},
        PASSWORD,
    )
    with db.engine.connect() as conn:
        fid = conn.execute(
            select(facilities.c.id).where(facilities.c.district_kato == "331000000").order_by(facilities.c.id)
        ).scalar()
    server = StreamlitServer(data_dir)
    yield server, db, fid
    server.stop()
    db.dispose()


@pytest.mark.browser
def test_an_editor_assesses_the_entrance_and_the_object_page_shows_the_conclusion(world, browser):
    server, db, fid = world
    page = new_page(browser)
    sign_in(page, server, "asel", PASSWORD)
    go(page, "Нысанды өзгерту")
    open_object(page, "edit", fid)
    page.locator('[data-testid="stExpander"] summary', has_text="Кіреберіс").first.click()  # no script run
    quiet(page)
    # Every zone's expander holds its own "К: қазір"; the entrance is the second zone.
    choose(page, "К: қазір", "ВНД", nth=1)
    choose(page, "К: мақсат", "ДП", nth=1)
    after(page, page.get_by_role("button", name="Сақтау", exact=True).click)
    page.get_by_text("Сақталды: енді нұсқа").wait_for(timeout=60_000)
    with db.read() as store:
        saved = store.facilities.require(fid).model
    state = saved.passport_zones[Zone.ENTRANCE].states[DisabilityCategory.WHEELCHAIR]
    assert (state.current, state.target) == (PassportState.NONE, PassportState.FULL)
    assert saved.passport[DisabilityCategory.WHEELCHAIR].current is PassportState.NONE

    visitor = new_page(browser, viewport={"width": 390, "height": 844})
    open_url(visitor, f"{server.url}/object?id={fid}")
    visitor.get_by_text(f"Паспорт қорытындысы: {saved.conclusion}").wait_for(timeout=60_000)
    assert visitor.locator('[data-testid="stException"]').count() == 0
    for p in (page, visitor):
        p.context.close()
