"""The template round trip: written by the command, filled in as a person would, imported with exit 0."""

import io

import openpyxl
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tracker.cli import main
from tracker.config import get_settings
from tracker.io.template import TEMPLATE_COLUMNS
from tracker.storage.database import Database
from tracker.storage.tables import facilities


def _run(args, env):
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def env(tmp_path, monkeypatch):
    """The command's settings pointing at a fresh SQLite file (settings are cached per process)."""
    values = {"TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}", "TRACKER_DATA_DIR": str(tmp_path)}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield values
    get_settings.cache_clear()


def test_the_template_filled_in_imports_with_exit_0(tmp_path, env):
    url = env["TRACKER_DATABASE_URL"]
    assert _run(["init"], env)[0] == 0
    template = tmp_path / "template.xlsx"
    code, out = _run(["import", "template", "objects", "--lang", "ru", "-o", str(template)], env)
    assert code == 0, out
    book = openpyxl.load_workbook(template)
    sheet, values = book.worksheets
    headers = [c.value for c in sheet[1]]
    assert headers[TEMPLATE_COLUMNS.index("name_ru")] == "Наименование (рус.)"
    assert headers[TEMPLATE_COLUMNS.index("budget_planned")] == "Запланировано, тыс. тенге"
    assert sheet.cell(2, 1).value.startswith("ПРИМЕР")
    validated = {str(rule.sqref).split(":")[0][:-1] for rule in sheet.data_validations.dataValidation}
    assert {"D", "E", "O", "P", "Q"} <= validated  # sector, district, funding, stage, accessibility
    districts = [c.value for c in values["A"][1:] if c.value]
    assert len(districts) == 224 and "Карасайский (195200000)" in districts
    # A person fills in two rows from the dropdowns, one of them without coordinates.
    col = {key: i + 1 for i, key in enumerate(TEMPLATE_COLUMNS)}
    for row, (name, district, address) in enumerate(
        [
            ("Школа № 12", "Карасайский (195200000)", "г. Каскелен, ул. Абая, 1"),
            ("Поликлиника", "Талгарский (196200000)", "ул. Лермонтова, 4"),
        ],
        3,
    ):
        sheet.cell(row, col["name_ru"], name)
        sheet.cell(row, col["district"], district)
        sheet.cell(row, col["address"], address)
        sheet.cell(row, col["sector"], values["B"][1].value)
        sheet.cell(row, col["program_years"], "2025")
        sheet.cell(row, col["budget_planned"], "1 250,5")
        sheet.cell(row, col["funding_source"], values["D"][1].value)
        sheet.cell(row, col["stage"], values["E"][1].value)
        sheet.cell(row, col["accessibility"], values["F"][2].value)
    filled = tmp_path / "filled.xlsx"
    out = io.BytesIO()
    book.save(out)
    filled.write_bytes(out.getvalue())
    code, out = _run(["import", "objects", str(filled), "--lang", "ru"], env)
    assert code == 0, out
    db = Database.at(url)
    with db.engine.connect() as conn:
        rows = {r.name_ru: r for r in conn.execute(select(facilities))}
    db.dispose()
    assert set(rows) == {"Школа № 12", "Поликлиника"}  # the example row is not imported
    assert rows["Школа № 12"].district_kato == "195200000" and rows["Школа № 12"].location_precision == "settlement"
    assert rows["Поликлиника"].location_precision == "district"
    assert rows["Школа № 12"].budget_planned_tiyn == 1_250_500_00
