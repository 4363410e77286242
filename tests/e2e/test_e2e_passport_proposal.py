"""On a phone (390×844): a district editor's audit waits as a passport proposal, the administrator
confirms it, and the object page shows the new passport and the audits compared."""

import os
from datetime import date
from pathlib import Path

import pytest

from tests import factories
from tests.support.browser import after, new_page, open_url, sign_in
from tests.support.streamlit_server import StreamlitServer, add_district_editor, demo_database
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.audits import record_audit
from tracker.services.facilities import create_facility
from tracker.services.users import add_user, get_user

PASSWORD = "Proposal-secret-2025"
SHOTS = os.environ.get("TRACKER_PROPOSAL_SHOTS")  # a folder to keep the screenshots in, when set
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1400, "height": 1000}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "proposal")
    add_district_editor(db, PASSWORD)
    add_user(db, SYSTEM, {"username": "boss", "display_name": "Әкімші", "role": "admin"}, PASSWORD)
    zones = {"entrance": {"states": {"wheelchair": {"current": "DP", "target": "DP"}}}}
    fid = create_facility(
        db,
        SYSTEM,
        factories.facility(
            external_id="PROP-7",
            name_kk="Ұсынысқа арналған №7 мектеп",
            name_ru="Школа №7 (предложение)",
            passport_zones=zones,
            stage="completed",
            actual_completion=date(2024, 9, 1),
        ),
    ).stored.model.id
    ngo = Actor("ngo", Role.MONITOR, organisation="«Тең қоғам» ҚБ")
    record_audit(db, ngo, fid, date(2024, 10, 15), "«Тең қоғам» ҚБ", {"entrance": {"door_width": 0.95}})
    record_audit(
        db,
        get_user(db, "asel").actor(),
        fid,
        date(2025, 5, 20),
        "Талдықорған қ. әкімдігі",
        {"entrance": {"door_width": 0.7, "call_button": "no"}},
    )
    server = StreamlitServer(data_dir)
    yield server, fid
    server.stop()
    db.dispose()


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def main(page):
    return page.locator('[data-testid="stMain"]')


@pytest.mark.browser
def test_a_proposal_confirmed_from_a_phone_becomes_the_objects_passport(site, browser):
    server, fid = site
    page = new_page(browser, locale="kk-KZ")
    sign_in(page, server, "boss", PASSWORD)
    page.set_viewport_size(PHONE)
    open_url(page, f"{server.url}/claimed-vs-verified?lang=ru")
    main(page).get_by_text("Сначала худшие").wait_for()  # the table itself is drawn on a canvas
    shot(page, "ru_390_discrepancies")
    if SHOTS:
        page.set_viewport_size(DESK)
        open_url(page, f"{server.url}/claimed-vs-verified?lang=kk")
        shot(page, "kk_1400_discrepancies")
        open_url(page, f"{server.url}/proposals?lang=ru")
        shot(page, "ru_1400_proposals")
        page.set_viewport_size(PHONE)
    open_url(page, f"{server.url}/proposals?lang=kk")
    main(page).get_by_text("Шешім күтуде: 1").wait_for()
    main(page).get_by_text("Ұсынған: asel").wait_for()
    shot(page, "kk_390_proposals")
    after(page, main(page).get_by_role("button", name="Паспорт ретінде растау").click)
    main(page).get_by_text("расталды").wait_for()
    shot(page, "kk_390_confirmed")
    open_url(page, f"{server.url}/object?id={fid}&lang=ru")
    main(page).get_by_text("Проверки на месте во времени").wait_for()
    shot(page, "ru_390_object")
    main(page).get_by_text("Причины, которые появились").wait_for()
    # К now reads ВНД as the district's audit found it; О, С, Г, У kept their ВНД summary: all five ВНД
    assert "Заключение паспорта: ВНД\n" in main(page).inner_text()
    if SHOTS:
        page.set_viewport_size(DESK)
        open_url(page, f"{server.url}/object?id={fid}&lang=kk")
        shot(page, "kk_1400_object")
    assert page.errors == []
    page.context.close()
