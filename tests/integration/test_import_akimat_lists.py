"""Akimat lists as they are kept — title rows, sections, two-row headers, addresses without
coordinates, the ministry's words, former names and old codes — land where their data points,
on SQLite and PostgreSQL; every misfiling case is an error or a correct mapping."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.support import akimat
from tracker.domain.enums import DisabilityCategory, FundingSource, PassportState, Sector, Stage
from tracker.io.problems import Severity
from tracker.services.actor import SYSTEM
from tracker.services.imports import apply_import, plan_import
from tracker.services.setup import initialise
from tracker.storage.tables import facilities, history


@pytest.fixture
def register(db):
    initialise(db)
    return db


def stored(db) -> dict[str, dict]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(facilities)).mappings().all()
    return {r["name_ru"] or r["name_kk"]: dict(r) for r in rows}


def codes(plan) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for p in plan.problems:
        found.setdefault(p.row, set()).add(p.code)
    return found


def test_a_russian_list_of_almaty_oblast_before_the_split_lands_row_by_row(register):
    plan = plan_import(register, SYSTEM, "perechen.xlsx", akimat.ru_list(), "objects")
    assert plan.table.header_row == 4 and plan.table.header_rows == 3  # title, note, blank; «план / факт»; 1…15
    assert plan.ok, [(p.row, p.code, p.message("en")) for p in plan.errors]
    skipped = {r.label: r.skipped for r in plan.rows if r.skipped}
    assert skipped == {"7": "oblast", "8": "district", "11": "total", "16": "total"}
    result = apply_import(register, SYSTEM, plan)
    assert result.created == 6
    rows = stored(register)
    where = {name: (r["district_kato"], r["location_precision"]) for name, r in rows.items()}
    assert where == {
        "СОШ № 5": (akimat.KARASAY, "settlement"),  # the section above it; Каскелен named in the address
        "Врачебная амбулатория": (akimat.KARASAY, "district"),  # «ул. Жибек жолы» is a street, not the village
        "Дом культуры «Достық»": (akimat.KONAEV, "district"),  # «г. Капшагай»: the former name
        "ЦОН": (akimat.TALDYKORGAN, "district"),  # 191000000 + «г. Талдыкорган»: the old code, not Қонаев
        "Аптека «Дәрі»": (akimat.KARASAY, "exact"),  # «Алматы облысы» + a point in Karasay
        "Многоквартирный жилой дом": (akimat.SARKAND, "settlement"),  # official «Саркандский район»
    }
    school = rows["СОШ № 5"]
    assert school["budget_planned_tiyn"] == 1_250_500_00  # «1 250,5» in a «тыс. тенге» column
    assert rows["Врачебная амбулатория"]["budget_planned_tiyn"] == 1_200_000_00  # «1,2 млн» says its own unit
    assert rows["Аптека «Дәрі»"]["budget_planned_tiyn"] is None  # an empty amount is unknown, not 0
    assert school["program_years"] == [2024, 2025] and rows["Врачебная амбулатория"]["program_years"] == [2024, 2025]
    assert {name: r["funding_source"] for name, r in rows.items()} == {
        "СОШ № 5": FundingSource.LOCAL,
        "Врачебная амбулатория": FundingSource.REPUBLICAN,
        "Дом культуры «Достық»": FundingSource.NATIONAL_FUND,
        "ЦОН": FundingSource.LOCAL,
        "Аптека «Дәрі»": FundingSource.OWN_FUNDS,
        "Многоквартирный жилой дом": FundingSource.SPONSOR,
    }
    assert rows["Аптека «Дәрі»"]["sector"] == Sector.TRADE_SERVICES
    assert rows["Многоквартирный жилой дом"]["sector"] == Sector.HOUSING
    assert [rows[n]["stage"] for n in ("СОШ № 5", "Врачебная амбулатория", "Дом культуры «Достық»", "ЦОН")] == [
        Stage.DESIGN_ESTIMATE,
        Stage.PROCUREMENT,
        Stage.IN_WORKS,
        Stage.ACCEPTED,
    ]
    assert set(school["measures"]) == {"ramp", "contrast_marking"}
    assert {c: e["current"] for c, e in school["passport"].items()} == {c.value: "DCH" for c in DisabilityCategory}
    assert rows["Дом культуры «Достық»"]["passport"]["wheelchair"]["current"] == PassportState.NONE
    # «факт» without an «выделено» column: what was spent had been allocated, so no false overrun.
    assert rows["Дом культуры «Достық»"]["budget_spent_tiyn"] == rows["Дом культуры «Достық»"]["budget_allocated_tiyn"]


def test_the_report_says_how_each_district_was_found(register):
    plan = plan_import(register, SYSTEM, "perechen.xlsx", akimat.ru_list(), "objects")
    notes = {p.row: p.message("ru") for p in plan.problems if p.severity == Severity.NOTE and "note_" in p.code}
    by_code = {(p.row, p.code) for p in plan.problems}
    assert ("9", "note_section") in by_code and ("12", "note_former_name") in by_code
    assert ("13", "note_old_code") in by_code and ("14", "note_point") in by_code
    assert "191000000" in next(p.message("ru") for p in plan.problems if p.code == "note_old_code")
    assert any("Каскелен" in text for text in notes.values())
    words = {(h, w): v[0] for (h, w), v in plan.mappings.items()}
    assert words[("Источник финансирования", "МБ")] == FundingSource.LOCAL
    assert words[("Состояние доступности", "частично доступно")] == PassportState.PARTIAL
    assert words[("Сумма, тыс. тенге план", "1 250,5")] == Decimal("1250500.00")


def test_a_kazakh_list_with_oblast_and_district_sections(register):
    plan = plan_import(register, SYSTEM, "tizbe.xlsx", akimat.kk_list(), "objects")
    assert plan.ok, [(p.row, p.code) for p in plan.errors]
    assert {r.label: r.skipped for r in plan.rows if r.skipped} == {
        "5": "oblast",
        "6": "district",
        "9": "total",
        "10": "oblast",
    }
    apply_import(register, SYSTEM, plan)
    where = {name: (r["district_kato"], r["location_precision"]) for name, r in stored(register).items()}
    assert where == {
        "№ 2 мектеп-гимназия": (akimat.SARKAND, "settlement"),
        "Лепсі ауылдық клубы": (akimat.SARKAND, "settlement"),  # Лепсі is a village of Sarkand district
        "Қонаев қалалық кітапханасы": (akimat.KONAEV, "settlement"),  # «Қапшағай қ.»
        "Өтеген батыр емханасы": (akimat.ILE, "exact"),
    }


def test_a_former_name_keeps_its_old_value_in_the_history(register):
    plan = plan_import(register, SYSTEM, "tizbe.xlsx", akimat.kk_list(), "objects")
    apply_import(register, SYSTEM, plan)
    with register.engine.connect() as conn:
        comments = set(conn.execute(select(history.c.comment)).scalars())
    assert any("Қапшағай қ." in (c or "") for c in comments)


MISFILING = [
    # (what the row says, where it may land — None: it must be an error, the code of that error)
    ("oblast name alone, no point", dict(district="Алматы облысы"), None, "oblast_only"),
    ("Zhetysu oblast alone is not Almaty's Zhetysu district", dict(district="Жетісу облысы"), None, "oblast_only"),
    ("Russian oblast name alone", dict(district="Алматинская область"), None, "oblast_only"),
    ("oblast name with a Karasay point", dict(district="Алматы облысы", lat=43.2, lon=76.62), akimat.KARASAY, ""),
    ("«обл.» with a Karasay point", dict(district="Алматинская обл.", lat=43.2, lon=76.62), akimat.KARASAY, ""),
    ("city of Almaty is not a district", dict(district="г. Алматы"), None, "oblast_only"),
    ("old code with its old name", dict(district="г. Талдыкорган", kato="191000000"), akimat.TALDYKORGAN, ""),
    ("old code alone is ambiguous", dict(kato="191000000"), None, "kato_reused"),
    ("today's code with today's name", dict(district="г. Конаев", kato="191000000"), akimat.KONAEV, ""),
    ("former name", dict(district="Капшагай"), akimat.KONAEV, ""),
    ("former name in Kazakh", dict(district="Қапшағай қ."), akimat.KONAEV, ""),
    ("code and name disagree", dict(district="Талгарский район", kato=akimat.KARASAY), None, "kato_name_disagree"),
    ("point in another district", dict(district="Карасайский район", lat=43.30, lon=77.24), None, "district_mismatch"),
    ("point in Bishkek", dict(district="Карасайский район", lat=42.87, lon=74.59), None, "coordinates.outside"),
    ("point in Tashkent", dict(lat=41.31, lon=69.28), None, "coordinates.outside"),
    (
        "Astana's Almaty district under Almaty oblast",
        dict(district="Алматинский район", oblast_section="Алматинская область"),
        None,
        "oblast_disagree",
    ),
    ("Alatau alone is two places", dict(district="Алатау"), None, "ambiguous_district"),
    ("г. Алатау is the city", dict(district="г. Алатау"), "191800000", ""),
    ("official Russian form", dict(district="Саркандский район"), akimat.SARKAND, ""),
    ("official Kazakh form", dict(district="Сарқан ауданы"), akimat.SARKAND, ""),
    ("city of oblast significance", dict(district="город областного значения Текели"), "331800000", ""),
    ("«р-н»", dict(district="Талгарский р-н"), akimat.TALGAR, ""),
]


@pytest.mark.parametrize("case, said, lands, code", MISFILING, ids=[m[0] for m in MISFILING])
def test_no_row_is_ever_filed_in_a_district_its_data_does_not_point_to(register, case, said, lands, code):
    plan = plan_import(register, SYSTEM, "one.xlsx", akimat.one_row_list(**said), "objects")
    if lands is None:
        assert not plan.ok and code in {p.code for p in plan.errors}, [(p.code, p.params) for p in plan.problems]
        return
    assert plan.ok, [(p.code, p.message("en")) for p in plan.errors]
    apply_import(register, SYSTEM, plan)
    assert stored(register)["СОШ № 1"]["district_kato"] == lands


def test_an_error_names_both_sides(register):
    plan = plan_import(
        register, SYSTEM, "one.xlsx", akimat.one_row_list(district="Талгарский район", kato=akimat.KARASAY), "objects"
    )
    message = next(p for p in plan.errors if p.code == "kato_name_disagree").message("ru")
    assert "Карасайский" in message and "Талгарский" in message


def test_the_report_workbook_puts_each_problem_beside_its_cell(register):
    import io

    import openpyxl

    from tracker.services.imports import report_xlsx

    data = akimat.one_row_list(district="Карасайский район", lat=43.30, lon=77.24)
    plan = plan_import(register, SYSTEM, "one.xlsx", data, "objects")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(plan, "ru")))
    summary, rows, readings = book.worksheets
    assert summary.title == "Сводка" and rows.title == "Строки"
    figures = {r[0].value: r[1].value for r in summary.iter_rows(min_row=2)}
    assert figures["Строка заголовка"] == "4 (строк: 3)" and figures["Ошибка — не загрузится"] == "1"
    headers = [c.value for c in rows[1]]
    line = [c for c in rows[2]]
    lat = line[headers.index("Широта")]
    assert lat.value == 43.3 and lat.fill.fgColor.rgb.endswith("F8D7DA") and "Талгарский" in lat.comment.text
    assert line[headers.index("Итог")].value == "Ошибка — не загрузится"
    assert ("Источник финансирования", "МБ", "Местный бюджет", 1) in [
        tuple(c.value for c in r) for r in readings.iter_rows(min_row=2)
    ]


def test_a_conclusion_for_some_categories_holds_for_those_categories_only(register):
    rows = [akimat.ru_row(1, "СОШ № 1", "ул. Абая, 1", "Карасайский район", None, "Образование", "2025", "100", None,
                          "МБ", "ПСД", "ДЧ-И (К, О)", "пандус", None, None)]  # fmt: skip
    plan = plan_import(register, SYSTEM, "one.xlsx", akimat.workbook("Перечень", akimat.RU_TOP, akimat.RU_SUB, rows),
                       "objects")  # fmt: skip
    assert plan.ok, [(p.row, p.code) for p in plan.errors]
    apply_import(register, SYSTEM, plan)
    passport = stored(register)["СОШ № 1"]["passport"]
    assert {c: e.get("current") for c, e in passport.items() if e.get("current")} == {
        "wheelchair": "DCH",
        "mobility": "DCH",
    }
