"""A photo that cannot be decoded is a message in the reader's language on every page that takes a
file, never a traceback: evidence on the Edit page, photos of a visit, and the importer."""

import pytest

from tests.support.browser import choose, new_page, open_url, sign_in
from tests.support.images import broken_pixels_png
from tests.support.streamlit_server import add_district_editor, demo_database, first_object, serving
from tracker.services.actor import SYSTEM
from tracker.services.users import add_user

PASSWORD = "Uploads-secret-2025"
DAMAGED = {"kk": "Суретті оқу мүмкін емес", "ru": "Изображение не читается"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "uploads")
    add_district_editor(db, PASSWORD)
    add_user(
        db,
        SYSTEM,
        {"username": "aigerim", "display_name": "Айгерім", "role": "monitor", "organisation": "ҮЕҰ"},
        PASSWORD,
    )
    fid, _version = first_object(db)
    broken = data_dir / "IMG_2041.png"
    broken.write_bytes(broken_pixels_png())
    with serving(data_dir, db) as server:
        yield server, fid, broken


def no_traceback(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("OSError").count() == 0 and page.get_by_text("Traceback").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "attach"), [("kk", "Тіркеу"), ("ru", "Прикрепить")])
def test_a_broken_photo_as_evidence_is_a_message(site, browser, lang, attach):
    server, fid, broken = site
    page = new_page(browser, locale=f"{lang}-KZ")
    context = page.context
    sign_in(page, server, "asel", PASSWORD)
    open_url(page, f"{server.url}/edit?id={fid}&lang={lang}")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(broken))
    page.get_by_text(broken.name).first.wait_for(timeout=60_000)
    page.get_by_role("button", name=attach).click()
    page.get_by_text(DAMAGED[lang]).first.wait_for(timeout=60_000)
    no_traceback(page)
    context.close()


@pytest.mark.browser
def test_a_broken_photo_of_a_visit_is_a_message(site, browser):
    server, fid, broken = site
    page = new_page(browser, locale="kk-KZ")
    context = page.context
    sign_in(page, server, "aigerim", PASSWORD)
    open_url(page, f"{server.url}/visits?id={fid}")
    choose(page, "К — кресло-арбамен жүретін адамдар", "ВНД")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(broken))
    page.get_by_text(broken.name).first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Тексеруді сақтау").click()
    page.get_by_text(DAMAGED["kk"]).first.wait_for(timeout=60_000)
    no_traceback(page)
    context.close()


@pytest.mark.browser
def test_a_photo_given_to_the_importer_is_a_message(site, browser):
    server, _, broken = site
    page = new_page(browser, locale="kk-KZ")
    context = page.context
    sign_in(page, server, "asel", PASSWORD)
    open_url(page, f"{server.url}/import")
    renamed = broken.with_name("objects.xlsx")
    renamed.write_bytes(broken.read_bytes())  # a photo saved under a spreadsheet's name
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(renamed))
    page.locator('[data-testid="stAlertContentError"]').first.wait_for(timeout=60_000)
    no_traceback(page)
    context.close()
