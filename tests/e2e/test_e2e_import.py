"""Import and export in Chromium: upload a bad file, read the dry run, fix it, import, download."""

import pytest

from tests.support.browser import after, go, sign_in
from tests.support.streamlit_server import StreamlitServer, demo_database
from tests.unit.io import io_corpus as corpus
from tracker.services.actor import SYSTEM
from tracker.services.users import add_user

# pytest-xdist --dist loadgroup: this module's server is started by one worker only.
pytestmark = pytest.mark.xdist_group("e2e_import")

PASSWORD = "Import-secret-2025"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "import")
    add_user(db, SYSTEM, {"username": "boss", "display_name": "Әкімші", "role": "admin"}, PASSWORD)
    server = StreamlitServer(data_dir)
    yield server, db
    server.stop()
    db.dispose()


def upload(page, name: str, data: bytes) -> None:
    files = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    after(page, lambda: files.set_input_files({"name": name, "mimeType": "text/csv", "buffer": data}))
    page.get_by_text("Тексеру нәтижесі").wait_for()


def count(db) -> int:
    with db.read() as store:
        return store.facilities.count()


@pytest.mark.browser
def test_upload_dry_run_fix_import_and_download(world, page, tmp_path):
    server, db = world
    before = count(db)
    sign_in(page, server, "boss", PASSWORD)
    go(page, "Импорт")
    bad = corpus.ru_csv(
        "cp1251", rows=corpus.with_cell(1, "Сумма, тыс. тенге", "-5", corpus.with_cell(0, "Широта", "44,0"))
    )
    upload(page, "akimat.csv", bad)
    assert page.get_by_text("Қателер бар: файл толығымен жүктелмейді.", exact=False).count() == 1
    assert page.locator('[data-testid="stDataFrame"]').count() == 2  # the preview and the report
    assert page.get_by_role("button", name="Растау және жүктеу").is_disabled()
    page.screenshot(path=str(tmp_path / "import_bad_kk.png"), full_page=True)
    assert count(db) == before

    upload(page, "talgar.csv", corpus.ru_csv("cp1251"))
    page.get_by_text("Қате жоқ: жүктеуге дайын.").wait_for()
    after(page, page.get_by_role("button", name="Растау және жүктеу").click)
    page.get_by_text("talgar.csv жүктелді: жаңа 3").wait_for()
    assert count(db) == before + 3
    assert page.errors == []

    go(page, "Экспорт")
    after(page, page.get_by_role("button", name="Файлды дайындау").click)
    page.get_by_role("button", name="Жүктеп алу").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Жүктеп алу").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "objects.xlsx" and saved.read_bytes().startswith(b"PK")
