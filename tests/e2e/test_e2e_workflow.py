"""The whole workflow in Chromium: an editor completes an object, a manager accepts it, an NGO
visit finds no wheelchair access, and the object shows as a discrepancy on the map."""

import json

import pytest
from sqlalchemy import select

from tests.support.browser import (
    MAP_FRAME,
    after,
    choose,
    go,
    map_drawn,
    new_page,
    open_object,
    open_url,
    reload,
    sign_in,
)
from tests.support.streamlit_server import demo_database, first_object, serving
from tracker.services.actor import SYSTEM
from tracker.services.facilities import update_facility
from tracker.services.users import add_user
from tracker.storage.tables import facilities

# pytest-xdist --dist loadgroup: this module's server is started by one worker only.
pytestmark = pytest.mark.xdist_group("e2e_workflow")

PASSWORD = "Workflow-secret-2025"
NAME = "Талдықорған e2e-мектебі №77"
ON_MAP = json.dumps(NAME)[1:-1]  # as folium writes it into the map's GeoJSON
VERMILLION = "#D55E00"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The demo database, three people, and one object in works renamed so it can be found."""
    data_dir, db = demo_database(tmp_path_factory, "workflow")
    for username, role, scope in (
        ("asel", "district_editor", {"districts": ["331000000"]}),
        ("marat", "manager", {"oblasts": ["Zhetysu Region"]}),
        ("aigerim", "monitor", {"organisation": "«Тең қоғам» ҚБ"}),
        ("boris", "district_editor", {"districts": ["331800000"]}),
    ):
        add_user(db, SYSTEM, {"username": username, "display_name": username.title(), "role": role} | scope, PASSWORD)
    fid, version = first_object(db, stage="in_works")
    update_facility(db, SYSTEM, fid, {"name_kk": NAME}, version, comment="e2e")
    with serving(data_dir, db) as server:
        yield server, db, fid


def stage_of(db, fid: int) -> str:
    with db.read() as store:
        return store.facilities.require(fid).model.stage.value


def vermillion_markers(page) -> int:
    frame = map_drawn(page)
    return frame.locator(f'path.leaflet-interactive[fill="{VERMILLION}"]').count()


def move_stage(page, fid: int, stage: str) -> None:
    """Open the object in the edit form, choose ``stage`` and save; wait for the confirmation."""
    go(page, "Нысанды өзгерту")
    open_object(page, "edit", fid)
    choose(page, "Кезең", stage)
    after(page, page.get_by_role("button", name="Сақтау").click)
    page.get_by_text("Сақталды: енді нұсқа").wait_for()


@pytest.mark.browser
def test_edit_accept_visit_and_discrepancy(world, browser):
    server, db, fid = world
    editor = new_page(browser)
    sign_in(editor, server, "asel", PASSWORD)
    move_stage(editor, fid, "Аяқталды")
    assert stage_of(db, fid) == "completed"

    manager = new_page(browser)
    sign_in(manager, server, "marat", PASSWORD)
    go(manager, "Мәлімделген мен тексерілген")
    assert ON_MAP in map_drawn(manager).locator("html").inner_html()  # on the map among the objects reported done
    move_stage(manager, fid, "Комиссия қабылдады")
    assert stage_of(db, fid) == "accepted"

    visitor = new_page(browser)
    open_url(visitor, f"{server.url}/claimed-vs-verified")
    before = vermillion_markers(visitor)
    assert before > 0  # the demo NGO's visits already found some

    monitor = new_page(browser)
    sign_in(monitor, server, "aigerim", PASSWORD)
    go(monitor, "Мониторингтік тексерулер")
    choose(monitor, "Аудан", "Талдықорған")
    choose(monitor, "Нысан", f"{fid} · ")
    choose(monitor, "К — кресло-арбамен жүретін адамдар", "ВНД")
    after(monitor, monitor.get_by_role("button", name="Тексеруді сақтау").click)
    monitor.get_by_text("Тексеру сақталды.").wait_for()
    assert stage_of(db, fid) == "accepted"  # a visit never changes official data

    reload(visitor)
    assert vermillion_markers(visitor) == before + 1
    assert ON_MAP in visitor.frame_locator(MAP_FRAME).locator("html").inner_html()
    assert visitor.locator('[data-testid="stException"]').count() == 0
    for page in (editor, manager, monitor, visitor):
        page.context.close()


@pytest.mark.browser
def test_an_editor_of_another_district_is_refused_in_the_browser(world, browser):
    server, _db, fid = world
    page = new_page(browser)
    sign_in(page, server, "boris", PASSWORD)
    go(page, "Нысанды өзгерту")
    # Boris's menu offers only Tekeli; following a link to Asel's object reaches the page and is refused.
    go(page, "Мониторингтік тексерулер")
    choose(page, "Аудан", "Талдықорған")
    choose(page, "Нысан", f"{fid} · ")
    after(page, page.get_by_text("Бұл нысанды өзгерту формасында ашу").click)
    page.get_by_text("«Талдықорған» ауданының нысандарын өзгерте алмайсыз").wait_for()
    assert page.get_by_role("button", name="Сақтау").count() == 0
    page.context.close()


@pytest.mark.browser
def test_two_sessions_on_one_object_the_second_save_is_refused(world, browser):
    server, db, _ = world
    with db.engine.connect() as conn:
        fid, version = conn.execute(
            select(facilities.c.id, facilities.c.version)
            .where(facilities.c.district_kato == "331000000", facilities.c.stage == "procurement")
            .order_by(facilities.c.id)
        ).first()
    first = new_page(browser)
    second = new_page(browser)
    sign_in(first, server, "asel", PASSWORD)
    sign_in(second, server, "marat", PASSWORD)
    for page in (first, second):  # both forms are rendered from the same version
        go(page, "Нысанды өзгерту")
        open_object(page, "edit", fid)
    first.get_by_label("Мердігер").fill("ЖШС «Бірінші»")
    after(first, first.get_by_role("button", name="Сақтау", exact=True).click)
    first.get_by_text("Сақталды: енді нұсқа").wait_for()
    second.get_by_label("Мердігер").fill("ЖШС «Екінші»")
    after(second, second.get_by_role("button", name="Сақтау", exact=True).click)
    second.get_by_text("Сіз ашқаннан кейін бұл нысанды басқа біреу өзгертті").first.wait_for()
    with db.read() as store:
        stored = store.facilities.require(fid)
        later = [e for e in store.facilities.history(fid) if e.version > version]
    assert stored.model.contractor == "ЖШС «Бірінші»" and stored.version == version + 1
    assert [(e.version, e.field, e.new, e.actor) for e in later] == [
        (version + 1, "contractor", "ЖШС «Бірінші»", "asel")
    ]
    for page in (first, second):
        page.context.close()
