"""Exports a person opens: formatted workbooks, open data tags, escaped reports, an offline map, a PDF."""

import base64
import csv
import io
import json
import re
import shutil
import subprocess
import zlib

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import missing
from tracker.domain import PassportEntry, calendar
from tracker.domain.enums import DisabilityCategory, PassportState, Stage
from tracker.io.tabular import MONEY_FORMAT
from tracker.maps.live.pack import unpack
from tracker.services import exports
from tracker.services.actor import SYSTEM
from tracker.services.imports import plan_import
from tracker.storage.tables import facilities

XSS = "<script>alert(1)</script> ${document.body.id=7*7} `x`"
FORMULA = '=HYPERLINK("http://evil","click")'


@pytest.fixture
def db(memory_db):
    """Exports are about the files: the in-memory copy of the register is enough."""
    with memory_db.write() as uow:
        uow.facilities.add_many(
            [
                factories.facility(
                    external_id="E-1", name_kk="Ұлттық мәдениет үйі " + XSS, contractor=FORMULA, stage=Stage.IN_WORKS
                ),
                factories.facility(
                    external_id="E-2",
                    name_kk="№5 мектеп",
                    demo=True,
                    passport={DisabilityCategory.WHEELCHAIR: PassportEntry(current=PassportState.PARTIAL)},
                ),
                factories.facility(
                    external_id="E-3", name_kk="Текелі емханасы", district_kato=factories.TEKELI, lat=44.86, lon=78.76
                ),
            ],
            "setup",
        )
        uow.rehab_centers.add(factories.rehab(), "setup")
        uow.invataxi.add(factories.invataxi(), "setup")
        uow.commit()
    return memory_db


def test_workbook_per_district_with_tenge_and_a_frozen_header(db):
    from openpyxl import load_workbook

    out = exports.export_table(db, "objects", "xlsx", "kk", by_district=True)
    book = load_workbook(io.BytesIO(out.data))
    assert book.sheetnames == ["Талдықорған", "Текелі", "Деректер туралы"]
    ws = book["Талдықорған"]
    assert ws.freeze_panes == "A2" and ws.max_row == 3
    budget = [c for c in ws[1] if c.value == "Бөлінген сома, ₸"][0].column
    assert ws.cell(2, budget).number_format == MONEY_FORMAT and ws.cell(2, budget).value == 1200000.5
    about = [row for row in book["Деректер туралы"].iter_rows(values_only=True)]
    assert any(r[0] == "Демо" and "1 жол" in r[1] for r in about if r and r[0])
    plan = plan_import(db, SYSTEM, out.filename, out.data, "objects")
    assert plan.ok and plan.count("unchanged") == 3  # both district sheets are read back


def test_csv_neutralises_formulas_and_the_import_restores_them(db):
    out = exports.export_table(db, "objects", "csv", "ru")
    text = out.data.decode("utf-8-sig")
    assert "'" + FORMULA.replace('"', '""') in text and "\n=" not in text and ",=" not in text
    plan = plan_import(db, SYSTEM, out.filename, out.data, "objects")
    assert plan.ok and plan.count("unchanged") == 3


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_semicolon_csv_for_kazakh_and_russian_excel_imports_back_unchanged(db, lang):
    out = exports.export_table(db, "objects", "csv", lang, delimiter=";")
    assert out.filename == "objects-semicolon.csv" and out.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(out.data.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    allocated = header.index("Бөлінген сома, ₸" if lang == "kk" else "Выделено, ₸")
    assert {r[allocated] for r in rows[1:]} == {"1200000,50"}  # a number in Excel with a decimal comma
    assert not any(
        cell.startswith("=") for line in out.data.decode("utf-8-sig").splitlines() for cell in line.split(";")
    )
    plan = plan_import(db, SYSTEM, out.filename, out.data, "objects")
    assert plan.ok and plan.count("unchanged") == 3


def test_open_data_has_osm_tags_and_labels_demo(db):
    doc = json.loads(exports.export_opendata(db).data)
    tags = {f["properties"]["ref:kedergisiz_keleshek"]: f["properties"] for f in doc["features"]}
    assert tags["E-1"]["wheelchair"] == "no" and tags["E-2"]["wheelchair"] == "limited"
    assert tags["E-2"]["demo"] == "yes" and "demo" not in tags["E-1"]
    assert tags["E-1"]["toilets:wheelchair"] == "no" and doc["metadata"]["demo_rows"] == 1
    assert doc["features"][0]["geometry"]["type"] == "Point"


def test_district_summary(db):
    out = exports.export_districts(db, "csv", "en", exports.Scope(district=factories.TALDYKORGAN))
    (row,) = csv.DictReader(io.StringIO(out.data.decode("utf-8-sig")))
    assert (row["objects"], row["rehab_centres"], row["invataxi_vehicles"], row["demo_objects"]) == ("2", "1", "4", "1")


def test_html_report_escapes_user_text_and_names_its_sources(db):
    html = exports.export_report(db, factories.TALDYKORGAN, "html", "kk").data.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Аудан бойынша есеп: Талдықорған (Жетісу облысы)" in html
    assert "Дереккөздер" in html and "ДЕМО ДЕРЕКТЕР" in html and "<svg" in html
    assert "201\u00a0644 — Ұлттық статистика бюросы, 2023 жылғы 1 қаңтардағы халық саны, 2023" in html


def test_standalone_map_is_offline_and_carries_every_object_in_the_packed_layer(db):
    out = exports.export_map(db, "kk")
    html = out.data.decode()
    assert "cdn.jsdelivr" not in html and "code.jquery" not in html and "<script>alert" not in html
    assert "http://" not in html.replace("http://www.w3.org", "") and 'src="http' not in html
    assert "Нысандар картасы: бейімдеу барысы" in html and "Комиссия қабылдады" in html
    meta = json.loads(re.search(r'id="lm-meta">(.*?)</script>', html).group(1))
    blob = zlib.decompress(base64.b64decode(re.search(r'id="lm-blob">(.*?)</script>', html).group(1)), -15)
    columns = unpack(blob, meta)
    assert len(columns) == meta["n"] == out.rows > 0
    with db.read() as store:
        stages = store.conn.execute(select(facilities.c.stage).where(facilities.c.deleted_at.is_(None))).scalars()
        assert sorted(meta["stages"][s] for s in columns["stage"]) == sorted(stages)


def test_pdf_report_renders_kazakh_letters_to_a_page(db, tmp_path):
    out = exports.export_report(db, factories.TALDYKORGAN, "pdf", "kk", exports.Scope(as_of=calendar.today()))
    assert out.data.startswith(b"%PDF")
    pdf = tmp_path / out.filename
    pdf.write_bytes(out.data)
    if not shutil.which("pdftoppm") or not shutil.which("pdffonts"):
        missing("poppler-utils (pdftoppm) is not installed")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu-Sans" in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ұлттық мәдениет үйі" in text and "Аудан бойынша есеп" in text
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000
