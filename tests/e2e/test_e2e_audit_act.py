"""The audit act from a phone (390×844): the button after submit (with the assessor's name when
they choose it) and one per audit on the object page; the file is a PDF with the verdict."""

import io
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from tests import factories
from tests.conftest import missing
from tests.support.browser import DEADLINE_MS, after, new_page, open_url, reload, sign_in
from tests.support.streamlit_server import StreamlitServer, demo_database
from tracker.services.actor import SYSTEM
from tracker.services.audit_acts import photo_zone
from tracker.services.audits import record_audit
from tracker.services.evidence import Upload, list_evidence
from tracker.services.facilities import create_facility
from tracker.services.users import add_user, get_user

PASSWORD = "Audit-act-secret-2025"
SHOTS = os.environ.get("TRACKER_AUDIT_SHOTS")  # a folder to keep the screenshots in, when set
PHONE = {"width": 390, "height": 844}


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 120, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "audit-act")
    add_user(
        db,
        SYSTEM,
        {
            "username": "aigerim",
            "display_name": "Айгерім Сәрсенова",
            "role": "monitor",
            "organisation": "«Тең қоғам» ҚБ",
        },
        PASSWORD,
    )
    monitor = get_user(db, "aigerim").actor()
    fid = create_facility(
        db,
        SYSTEM,
        factories.facility(external_id="ACT-9", name_kk="Актіге арналған №9 мектеп", name_ru="Школа №9 (акт)"),
    ).stored.model.id
    answers = {"entrance": {"threshold_height": 4.0, "door_width": 0.85, "call_button": "no"}}
    record_audit(
        db,
        monitor,
        fid,
        date(2025, 5, 20),
        "«Тең қоғам» ҚБ",
        answers,
        photos=[Upload("кіреберіс.jpg", _photo())],
        root=data_dir / "evidence",
    )
    for n, (kk, ru) in enumerate((("Фотоға арналған №10 емхана", "Поликлиника №10 (фото)"),) * 3):
        create_facility(
            db, SYSTEM, factories.facility(external_id=f"PHOTO-{n}", name_kk=f"{kk}-{n}", name_ru=f"{ru}-{n}")
        )
    server = StreamlitServer(data_dir)
    server.db = db
    yield server, fid
    server.stop()
    db.dispose()


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def main(page):
    return page.locator('[data-testid="stMain"]')


def pdf_text(download, tmp_path: Path) -> str:
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    if not shutil.which("pdftotext"):
        missing("poppler-utils (pdftotext) is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.browser
def test_the_object_page_offers_the_act_of_each_audit(site, browser, tmp_path):
    server, fid = site
    page = new_page(browser, locale="kk-KZ", accept_downloads=True)
    sign_in(page, server, "aigerim", PASSWORD)
    page.set_viewport_size(PHONE)
    for lang, label, conclusion in (
        ("kk", "Акт, 20.05.2025", "Қолжетімділік: ДЧ-И"),
        ("ru", "Акт от 20.05.2025", "Доступность: ДЧ-И"),
    ):
        open_url(page, f"{server.url}/object?id={fid}&lang={lang}")
        button = main(page).get_by_role("button", name=label)
        button.scroll_into_view_if_needed()
        shot(page, f"{lang}_object_act")
        with page.expect_download() as got:
            button.click()
        text = pdf_text(got.value, tmp_path)
        assert conclusion in text and "4.3.2.14" in text
        assert "Айгерім" not in text  # the object page's act names the organisation only
    assert page.errors == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "lang, search, next_label, submit, named, saved",
    [
        ("kk", "Актіге арналған", "Сақтау және әрі қарай", "Тексеруді жіберу", "Актіге өз атымды жазу", "сақталды"),
        ("ru", "(акт)", "Сохранить и дальше", "Отправить обследование", "Указать в акте моё имя", "сохранено"),
    ],
)
def test_after_submit_the_assessor_downloads_the_act_signed_by_name(
    site, browser, tmp_path, lang, search, next_label, submit, named, saved
):
    server, _ = site
    page = new_page(browser, locale="kk-KZ", accept_downloads=True)
    sign_in(page, server, "aigerim", PASSWORD)
    page.set_viewport_size(PHONE)
    open_url(page, f"{server.url}/audit?lang={lang}")
    box = main(page).locator('[data-testid="stTextInput"] input').first
    box.fill(search)
    after(page, lambda: box.press("Enter"))
    after(page, main(page).get_by_role("button", name=next_label).click)
    width = main(page).get_by_label(
        "Кіре берістегі есіктің таза ені, м" if lang == "kk" else "Ширина входной двери в свету, м"
    )
    width.fill("0.7")
    after(page, lambda: width.press("Enter"))
    for _ in range(1, 7):
        after(page, main(page).get_by_role("button", name=next_label).click)
    after(page, main(page).get_by_role("button", name=submit).click)
    main(page).get_by_text(saved, exact=False).first.wait_for()
    after(page, main(page).get_by_text(named).click)
    button = main(page).get_by_role("button", name="PDF")
    shot(page, f"{lang}_audit_submitted_act")
    with page.expect_download() as got:
        button.click()
    text = pdf_text(got.value, tmp_path)
    assert "ВНД (К)" in text and "Айгерім Сәрсенова" in text
    assert ("Актіге арналған №9 мектеп" if lang == "kk" else "Школа №9 (акт)") in text
    assert page.errors == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "lang, search, next_label, submit, door, step",
    [
        (
            "kk",
            "Фотоға арналған №10 емхана-0",
            "Сақтау және әрі қарай",
            "Тексеруді жіберу",
            "Кіре берістегі есіктің таза ені, м",
            "8 қадамның 2-і",
        ),
        (
            "ru",
            "Поликлиника №10 (фото)-1",
            "Сохранить и дальше",
            "Отправить обследование",
            "Ширина входной двери в свету, м",
            "Шаг 2 из 8",
        ),
    ],
)
def test_a_photo_attached_at_a_step_survives_a_reload_and_reaches_the_visit(
    site, browser, lang, search, next_label, submit, door, step
):
    server, _ = site
    page = new_page(browser, locale="kk-KZ")
    sign_in(page, server, "aigerim", PASSWORD)
    page.set_viewport_size(PHONE)

    def find():
        box = main(page).locator('[data-testid="stTextInput"] input').first
        box.fill(search)
        after(page, lambda: box.press("Enter"))

    open_url(page, f"{server.url}/audit?lang={lang}")
    find()
    after(page, main(page).get_by_role("button", name=next_label).click)
    main(page).get_by_text(step).wait_for()
    picker = main(page).locator('input[type="file"]')
    broken = {"name": "cut-off.jpg", "mimeType": "image/jpeg", "buffer": _photo()[:500]}
    after(page, lambda: picker.set_input_files(broken))
    main(page).locator('[data-testid="stAlert"]', has_text="cut-off.jpg").wait_for()  # refused, with its reason
    photo = {"name": "entrance-door.jpg", "mimeType": "image/jpeg", "buffer": _photo()}
    after(page, lambda: main(page).locator('input[type="file"]').set_input_files(photo))
    main(page).locator('[data-testid="stImage"] img').first.wait_for()
    main(page).get_by_text("entrance-door.jpg").wait_for()
    main(page).locator('[data-testid="stImage"]').first.scroll_into_view_if_needed()
    shot(page, f"{lang}_photo_at_step")

    reload(page)
    find()
    main(page).get_by_text(step).wait_for()  # resumed at the entrance, the photo still there
    main(page).locator('[data-testid="stImage"] img').first.wait_for()
    assert main(page).get_by_text("entrance-door.jpg").count() == 1
    width = main(page).get_by_label(door)
    width.fill("0.7")
    after(page, lambda: width.press("Enter"))
    for _ in range(1, 7):
        after(page, main(page).get_by_role("button", name=next_label).click)
    main(page).get_by_text("ВНД (К)", exact=False).first.wait_for()
    main(page).locator('[data-testid="stImage"] img').first.wait_for()  # the verdict shows it too
    main(page).locator('[data-testid="stImage"]').first.scroll_into_view_if_needed()
    shot(page, f"{lang}_photo_in_verdict")
    after(page, main(page).get_by_role("button", name=submit).click)
    main(page).get_by_role("button", name="PDF").wait_for()

    fid = _facility_id(server.db, search)
    items = list_evidence(server.db, fid)
    assert [(i.filename, i.kind, photo_zone(i.comment)) for i in items] == [("entrance-door.jpg", "visit", "entrance")]
    assert page.errors == []
    page.context.close()


def _facility_id(db, name: str) -> int:
    from tracker.storage.queries import facilities_frame

    with db.read() as store:
        frame = facilities_frame(store.conn)
    return int(frame[(frame["name_kk"] == name) | (frame["name_ru"] == name)]["id"].iloc[0])


NEAR_FRAME = 'iframe[title*="nearme"]'


@pytest.mark.browser
@pytest.mark.parametrize(
    "lang, button, object_label, denied",
    [
        ("kk", "Маған жақын нысандар", "Нысан", "рұқсат берілмеді"),
        ("ru", "Объекты рядом со мной", "Объект", "не разрешён"),
    ],
)
def test_near_me_lists_the_nearest_objects_with_distance_and_a_refusal_leaves_search(
    site, browser, lang, button, object_label, denied
):
    from playwright.sync_api import expect  # here: without Playwright the browser tests skip, not break

    server, _ = site
    # standing 15 m from the test school's door in Taldykorgan
    page = new_page(browser, locale="kk-KZ", geolocation={"latitude": 45.0101, "longitude": 78.3701})
    page.context.grant_permissions(["geolocation"], origin=server.url)
    sign_in(page, server, "aigerim", PASSWORD)
    page.set_viewport_size(PHONE)
    open_url(page, f"{server.url}/audit?lang={lang}")
    near = page.frame_locator(NEAR_FRAME).get_by_role("button", name=button)
    after(page, near.click)
    picked = main(page).locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(object_label, exact=True))
    shown = picked.locator('input[role="combobox"]')
    # the nearest first: one of the test objects 15 m away, its distance in the label
    expect(shown).to_have_value(re.compile(r"№(9|10) .* · (10|20) м$"), timeout=DEADLINE_MS)
    shown.click()
    page.get_by_role("listbox").first.wait_for()
    options = page.get_by_role("option").all_inner_texts()
    assert len(options) == 10 and all(re.search(r" · [\d\u00a0,]+ (м|км)$", o) for o in options), options
    page.keyboard.press("Escape")
    shot(page, f"{lang}_near_me")
    assert page.errors == []
    page.context.close()

    # no permission: the reader's language says so, and the search still finds the object
    page = new_page(browser, locale="kk-KZ")
    sign_in(page, server, "aigerim", PASSWORD)
    page.set_viewport_size(PHONE)
    open_url(page, f"{server.url}/audit?lang={lang}")
    after(page, page.frame_locator(NEAR_FRAME).get_by_role("button", name=button).click)
    main(page).locator('[data-testid="stAlert"]', has_text=denied).wait_for()
    shot(page, f"{lang}_near_me_refused")
    box = main(page).locator('[data-testid="stTextInput"] input').first
    box.fill("(акт)" if lang == "ru" else "Актіге арналған")
    after(page, lambda: box.press("Enter"))
    shown = main(page).locator('[data-testid="stSelectbox"]').locator('input[role="combobox"]')
    expect(shown).to_have_value(re.compile("№9"), timeout=DEADLINE_MS)
    assert page.errors == []
    page.context.close()


@pytest.mark.browser
def test_discarding_the_draft_removes_its_photos(site, browser):
    server, _ = site
    page = new_page(browser, locale="kk-KZ")
    sign_in(page, server, "aigerim", PASSWORD)
    page.set_viewport_size(PHONE)
    open_url(page, f"{server.url}/audit?lang=kk")
    box = main(page).locator('[data-testid="stTextInput"] input').first
    box.fill("Фотоға арналған №10 емхана-2")
    after(page, lambda: box.press("Enter"))
    folder = server.data_dir / "evidence" / "drafts"
    before = set(folder.rglob("*.jpg"))
    photo = {"name": "parking.jpg", "mimeType": "image/jpeg", "buffer": _photo()}
    after(page, lambda: main(page).locator('input[type="file"]').set_input_files(photo))
    main(page).get_by_text("parking.jpg").wait_for()
    assert len(set(folder.rglob("*.jpg")) - before) == 2  # the photo and its thumbnail
    after(page, main(page).get_by_role("button", name="Жобаны тастау").click)
    main(page).get_by_text("Жоба мен оның фотосуреттері жойылды").wait_for()
    assert main(page).get_by_text("parking.jpg").count() == 0
    assert set(folder.rglob("*.jpg")) == before
    assert page.errors == []
    page.context.close()
