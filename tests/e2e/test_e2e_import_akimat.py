"""A district editor uploads the akimat list as it is kept, reads what will happen, imports it."""

import pytest
from sqlalchemy import select

from tests.support import akimat
from tests.support.browser import go, quiet, sign_in
from tests.support.streamlit_server import StreamlitServer, demo_database
from tracker.services.actor import SYSTEM
from tracker.services.users import add_user
from tracker.storage.tables import facilities

PASSWORD = "Import-secret-2026"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "import-akimat")
    add_user(db, SYSTEM, {"username": "dana", "display_name": "Dana", "role": "manager"}, PASSWORD)
    (data_dir / "tizbe.xlsx").write_bytes(akimat.kk_list())
    server = StreamlitServer(data_dir)
    yield server, db, data_dir
    server.stop()
    db.dispose()


def test_the_report_is_read_before_anything_is_written_then_the_rows_land(world, page):
    server, db, data_dir = world
    sign_in(page, server, "dana", PASSWORD)
    go(page, "Импорт")
    page.locator('input[type="file"]').set_input_files(str(data_dir / "tizbe.xlsx"))
    page.get_by_text("Тақырып: 4-жол").wait_for(timeout=90_000)
    quiet(page)
    assert page.get_by_text("Қате жоқ: жүктеуге дайын.").is_visible()
    assert page.get_by_role("button", name="Есепті жүктеп алу (XLSX)").is_visible()
    with db.engine.connect() as conn:
        assert (
            conn.execute(select(facilities.c.id).where(facilities.c.name_kk == "Лепсі ауылдық клубы")).first() is None
        )
    page.get_by_role("button", name="Растау және жүктеу").click()
    page.get_by_text("tizbe.xlsx жүктелді", exact=False).wait_for(timeout=90_000)
    with db.engine.connect() as conn:
        rows = dict(
            conn.execute(
                select(facilities.c.name_kk, facilities.c.district_kato).where(facilities.c.demo.is_(False))
            ).all()
        )
    assert rows["Лепсі ауылдық клубы"] == akimat.SARKAND and rows["Қонаев қалалық кітапханасы"] == akimat.KONAEV
    assert not page.errors
