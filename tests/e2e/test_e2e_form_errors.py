"""The long edit form answers where the person looks: a refused save and a conflict beside Save.

In Chromium at 1400x1000 and 390x844, in Kazakh and Russian, the message must be inside the
viewport and within reach of the Save button the person just pressed (its bounding box).
Screenshots go to TRACKER_SCREENSHOTS when that is set.
"""

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.support.browser import after, choose, go, new_page, quiet, sign_in
from tests.support.streamlit_server import StreamlitServer, demo_database
from tracker.services.actor import SYSTEM
from tracker.services.facilities import update_facility
from tracker.services.users import add_user
from tracker.storage.tables import facilities

PASSWORD = "Form-errors-2025"
TEXT = {
    "kk": {
        "nav": "Нысанды өзгерту",
        "stage": "Кезең",
        "back": "Жоспарланған",
        "save": "Сақтау",
        "contractor": "Мердігер",
        "refused": "себеп керек",
        "conflict": "Сіз ашқаннан кейін бұл нысанды басқа біреу өзгертті",
    },
    "ru": {
        "nav": "Редактирование объекта",
        "stage": "Этап",
        "back": "Запланирован",
        "save": "Сохранить",
        "contractor": "Подрядчик",
        "refused": "нужна причина",
        "conflict": "кто-то изменил этот объект",
    },
}
VIEWPORTS = {"desktop": (1400, 1000), "phone": (390, 844)}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "form-errors")
    add_user(
        db,
        SYSTEM,
        {"username": "asel", "display_name": "Asel", "role": "district_editor", "districts": ["331000000"]},
        PASSWORD,
    )
    server = StreamlitServer(data_dir)
    yield server, db
    server.stop()
    db.dispose()


def _object(db, n: int) -> int:
    with db.engine.connect() as conn:
        ids = conn.execute(
            select(facilities.c.id)
            .where(facilities.c.district_kato == "331000000", facilities.c.stage == "in_works")
            .order_by(facilities.c.id)
        ).scalars()
        return list(ids)[n]


def _shot(page, name: str) -> None:
    folder = os.environ.get("TRACKER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _near_save(page, text: str, save, height: int) -> None:
    """The alert holding ``text`` closest to Save is in the viewport with it and within 400 px of the
    button, once the run the click started has drawn the page (where Save now is, not where it was)."""
    alerts = page.locator('[data-testid="stAlert"]').filter(has_text=text)
    alerts.first.wait_for(timeout=60_000)
    quiet(page)
    save.scroll_into_view_if_needed()  # the person's eyes are on the button they pressed
    save_box = save.bounding_box()
    boxes = [alerts.nth(i).bounding_box() for i in range(alerts.count())]
    box = min(boxes, key=lambda b: abs(b["y"] - save_box["y"]))
    assert box["y"] >= 0 and box["y"] + min(box["height"], 60) <= height, (box, height)
    assert abs(box["y"] - save_box["y"]) <= 400, (box, save_box)
    assert alerts.count() >= 2  # and summarised at the top of the page


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_refusal_and_a_conflict_appear_beside_save(world, browser, lang, size):
    server, db = world
    fid = _object(db, list(VIEWPORTS).index(size) * 2 + ["kk", "ru"].index(lang))
    words = TEXT[lang]
    page = new_page(browser)
    sign_in(page, server, "asel", PASSWORD)
    if lang == "ru":
        after(page, page.locator('[data-testid="stSidebar"]').get_by_text("Русский").click)
    go(page, words["nav"])
    choose(page, "Аудан" if lang == "kk" else "Район", "Талдықорған" if lang == "kk" else "Талдыкорган")
    choose(page, "Нысан" if lang == "kk" else "Объект", f"{fid} · ")
    width, height = VIEWPORTS[size]
    page.set_viewport_size({"width": width, "height": height})
    quiet(page)

    # A move back without a reason: refused where the person pressed Save.
    choose(page, words["stage"], words["back"])
    save = page.get_by_role("button", name=words["save"], exact=True)
    save.scroll_into_view_if_needed()
    save.click()
    _near_save(page, words["refused"], save, height)
    _shot(page, f"refused-{lang}-{width}x{height}")

    # Now with a reason; but someone saved meanwhile: a conflict, told beside Save too.
    page.locator("textarea").first.fill("пандус қайта жобаланады")
    with db.read() as store:
        version = store.facilities.require(fid).version
    update_facility(db, SYSTEM, fid, {"contractor": "ТОО «Бірінші»"}, version, comment="meanwhile")
    page.get_by_label(words["contractor"]).fill("ТОО «Екінші»")
    save.scroll_into_view_if_needed()
    save.click()
    _near_save(page, words["conflict"], save, height)
    _shot(page, f"conflict-{lang}-{width}x{height}")
    assert page.locator('[data-testid="stException"]').count() == 0
    with db.read() as store:
        assert store.facilities.require(fid).model.contractor == "ТОО «Бірінші»"
    page.context.close()
