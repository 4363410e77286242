"""The audit act from a stored audit: the service a page's button calls, its PDF, and
`tracker export audit-act`; a person's name only when the assessor signs by name."""

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from click.testing import CliRunner
from PIL import Image

from tests import factories
from tests.conftest import missing
from tracker.cli import main
from tracker.config import get_settings
from tracker.domain.errors import NotFound, PermissionDenied
from tracker.domain.people import Person
from tracker.services.actor import PUBLIC, SYSTEM, Actor, Role
from tracker.services.audit_acts import audit_act
from tracker.services.audits import record_audit
from tracker.services.evidence import Upload
from tracker.services.facilities import create_facility
from tracker.storage.database import Database

ANSWERS = {
    "entrance": {"threshold_height": 4.0, "door_width": 0.85, "call_button": "no"},
    "sanitary": {"accessible_toilet": "yes", "grab_bars": "yes", "cubicle_width": 1.7, "cubicle_depth": 1.8},
}
ORG = "«Тең қоғам» ҚБ <b>bold</b>"


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def _setup(db: Database, root):
    with db.write() as uow:
        uid = uow.users.add(
            Person(username="aigerim", display_name="Айгерим Сәрсенова", role=Role.MONITOR, organisation=ORG), "setup"
        )
        uow.commit()
    monitor = Actor("aigerim", Role.MONITOR, user_id=uid, organisation=ORG)
    fid = create_facility(db, SYSTEM, factories.facility(name_ru="Школа №3 <script>x</script>")).stored.model.id
    visit_id, _ = record_audit(
        db, monitor, fid, date(2025, 5, 20), ORG, ANSWERS, photos=[Upload("вход.jpg", _photo())], root=root
    )
    return monitor, visit_id


def test_the_act_of_a_stored_audit_and_the_name_only_when_the_assessor_signs(memory_db, tmp_path):
    monitor, visit_id = _setup(memory_db, tmp_path)
    act = audit_act(memory_db, monitor, visit_id, "ru", root=tmp_path)
    html = act.data.decode("utf-8")
    assert act.mime == "text/html" and act.filename == f"audit-act-{visit_id}-ru.html"
    assert "Доступность: ДЧ-И (О), ДУ-И (К)" in html and "п. 4.3.2.14" in html
    assert "Школа №3 &lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>" not in html
    assert html.count("data:image/jpeg;base64,") == 1 and "вход.jpg" in html
    assert "Айгерим" not in html
    signed = audit_act(memory_db, monitor, visit_id, "ru", with_name=True, root=tmp_path).data.decode()
    assert "Айгерим Сәрсенова" in signed
    other = Actor("dana", Role.MONITOR, user_id=999)  # someone else cannot put a name on another's audit
    assert "Айгерим" not in audit_act(memory_db, other, visit_id, "ru", with_name=True, root=tmp_path).data.decode()


def test_the_act_is_for_signed_in_people_and_only_of_audits(memory_db, tmp_path):
    monitor, visit_id = _setup(memory_db, tmp_path)
    with pytest.raises(PermissionDenied):
        audit_act(memory_db, PUBLIC, visit_id, "ru", root=tmp_path)
    with pytest.raises(NotFound):
        audit_act(memory_db, monitor, visit_id + 100, "ru", root=tmp_path)


def test_the_pdf_act_is_one_a4_page_with_kazakh_letters(memory_db, tmp_path):
    monitor, visit_id = _setup(memory_db, tmp_path)
    act = audit_act(memory_db, monitor, visit_id, "kk", fmt="pdf", root=tmp_path)
    assert act.data.startswith(b"%PDF-")
    if not shutil.which("pdfinfo") or not shutil.which("pdftotext"):
        missing("poppler-utils (pdfinfo) is not installed")
    path = tmp_path / act.filename
    path.write_bytes(act.data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "(A4)" in info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Қолжетімділік: ДЧ-И (О), ДУ-И (К)" in text and "Кіреберіс" in text


def test_cli_writes_the_act_and_asks_for_the_visit(memory_template, tmp_path, monkeypatch):
    shutil.copy(memory_template, tmp_path / "tracker.db")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        db = Database.at(f"sqlite:///{tmp_path / 'tracker.db'}")
        _, visit_id = _setup(db, tmp_path / "evidence")
        db.dispose()
        runner = CliRunner()
        out = tmp_path / "act.html"
        done = runner.invoke(main, ["export", "audit-act", "--visit", str(visit_id), "--lang", "ru", "-o", str(out)])
        assert done.exit_code == 0, done.output
        html = out.read_text(encoding="utf-8")
        assert "Доступность: ДЧ-И (О), ДУ-И (К)" in html and "data:image/jpeg;base64," in html
        assert "Айгерим" not in html
        asked = runner.invoke(main, ["export", "audit-act", "--lang", "ru", "-o", str(out)])
        assert asked.exit_code == 2 and "--visit" in asked.output
    finally:
        get_settings.cache_clear()
