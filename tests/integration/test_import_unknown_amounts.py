"""An empty money cell is an amount nobody gave: stored unknown (NULL), kept empty in exports,
left out of sums and of budget execution with the count of unknowns said; «план / факт» lists
read «план» as the amount planned and allocated, «факт» as spent — on SQLite and PostgreSQL."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.support import akimat
from tracker.analytics.progress import summarise
from tracker.domain.calendar import today
from tracker.i18n import t
from tracker.io.columns import column
from tracker.io.import_report import reading
from tracker.services import exports
from tracker.services.actor import SYSTEM
from tracker.services.imports import apply_import, plan_import, report_xlsx
from tracker.services.setup import initialise
from tracker.storage.queries import facilities_frame
from tracker.storage.tables import facilities

KINDS = ("planned", "allocated", "contracted", "spent")


@pytest.fixture
def register(db):
    initialise(db)
    return db


def amounts(db) -> dict[str, tuple]:
    """Name → (planned, allocated, contracted, spent) in thousand ₸ as stored; None where unknown."""
    cols = [facilities.c[f"budget_{k}_tiyn"] for k in KINDS]
    with db.engine.connect() as conn:
        rows = conn.execute(select(facilities.c.name_ru, facilities.c.name_kk, *cols)).all()
    return {ru or kk: tuple(None if v is None else v / 100_000 for v in money) for ru, kk, *money in rows}


def imported(db, name: str, content: bytes):
    plan = plan_import(db, SYSTEM, name, content, "objects")
    assert plan.ok, [(p.row, p.code, p.message("en")) for p in plan.errors]
    apply_import(db, SYSTEM, plan)
    return plan


def test_a_russian_plan_fact_list_keeps_empty_amounts_unknown_and_reads_plan_as_allocated(register):
    imported(register, "karasay.xlsx", akimat.ru_money_list())
    assert amounts(register) == {
        "СОШ № 1": (1250.5, 1250.5, None, 300.0),  # «план» is planned and allocated; «факт» spent
        "СОШ № 2": (None, None, None, 450.0),  # no plan typed in: the spent amount is not taken as allocated
        "СОШ № 3": (900.0, 900.0, None, None),
        "СОШ № 4": (0.0, 0.0, None, 0.0),  # a zero someone wrote is a zero
        "СОШ № 5": (None, None, None, None),
    }


def test_a_kazakh_zhospar_naqty_list_reads_the_same_way(register):
    imported(register, "qarasay.xlsx", akimat.kk_money_list())
    assert amounts(register) == {
        "№ 1 мектеп": (2000.0, 2000.0, None, 500.0),
        "№ 2 мектеп": (None, None, None, 120.0),
        "Аудандық аурухана": (700.0, 700.0, None, None),
    }


def test_sums_and_execution_leave_unknown_amounts_out_and_count_them(register):
    imported(register, "karasay.xlsx", akimat.ru_money_list())
    with register.engine.connect() as conn:
        s = summarise(facilities_frame(conn), today())
    assert s.budget["planned"] == pytest.approx(2_150_500)  # 1 250,5 + 900 + 0 thousand
    assert s.budget["spent"] == pytest.approx(750_000)  # 300 + 450 + 0
    # Only СОШ № 1 and № 4 have both amounts: 300 of 1 250,5 — not 750 of 2 150,5, not 450 of 0.
    assert s.budget["execution"] == pytest.approx(300 / 1250.5)
    assert s.budget["unknown"] == 3 and s.budget["unknown_planned"] == 2 and s.budget["unknown_contracted"] == 5
    assert t("dashboards.kpi.unknown_amounts", "ru", n=3).startswith("Объектов без суммы: 3")


def test_a_fact_above_the_plan_is_still_an_overrun_to_flag(register):
    content = akimat.workbook(
        "Перечень",
        akimat.RU_TOP,
        akimat.RU_SUB,
        [akimat.ru_row(1, "СОШ № 9", "ул. Абая, 1", "Карасайский район", None, "Образование", "2024", "100", "150",
                       "МБ", "СМР", None, None, None, None)],
    )  # fmt: skip
    plan = plan_import(register, SYSTEM, "over.xlsx", content, "objects")
    assert {p.code for p in plan.errors} == {"budget.overrun"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_keep_an_unknown_amount_empty_and_read_back_unchanged(register, fmt):
    imported(register, "karasay.xlsx", akimat.ru_money_list())
    out = exports.export_table(register, "objects", fmt, "ru")
    heads = [column("objects", k).header("ru") for k in ("name_ru", *(f"budget_{k}" for k in KINDS))]
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(out.data.decode("utf-8-sig"))))
    else:
        lines = [list(r) for r in load_workbook(io.BytesIO(out.data)).worksheets[0].iter_rows(values_only=True)]
    pos = [lines[0].index(h) for h in heads]
    got = {line[pos[0]]: tuple(line[p] for p in pos[1:]) for line in lines[1:]}
    empty = "" if fmt == "csv" else None
    assert got["СОШ № 2"] == (empty, empty, empty, "450000.00" if fmt == "csv" else 450000)
    assert got["СОШ № 5"] == (empty,) * 4
    assert got["СОШ № 4"][0] == ("0.00" if fmt == "csv" else 0)  # a stated zero is written as 0
    plan = plan_import(register, SYSTEM, out.filename, out.data, "objects")
    assert plan.ok and plan.count("unchanged") == 5  # unknown stays unknown: no row turns into zeros


@pytest.mark.parametrize(
    "content, plan_header, fact_header, lang, said",
    [
        (akimat.ru_money_list, "Сумма, тыс. тенге план", "Сумма, тыс. тенге факт", "ru", "не ноль"),
        (akimat.kk_money_list, "Сомасы, мың теңге жоспар", "Сомасы, мың теңге нақты", "kk", "нөл емес"),
    ],
)
def test_the_report_says_how_empty_amounts_and_plan_fact_were_read(
    register, content, plan_header, fact_header, lang, said
):
    plan = plan_import(register, SYSTEM, "list.xlsx", content(), "objects")
    readings = {key: (reading(value, lang), count) for key, (value, count) in plan.mappings.items()}
    objects = sum(1 for r in plan.rows if not r.skipped)
    text, count = readings[(f"{plan_header} / {fact_header}", "")]
    assert count == objects and text == t("io.reading.plan_is_allocated", lang)
    empty_facts = sum(1 for r in plan.rows if not r.skipped and r.model.budget.spent is None)
    assert readings[(fact_header, "")][1] == empty_facts and said in readings[(fact_header, "")][0]
    book = load_workbook(io.BytesIO(report_xlsx(plan, lang)))
    assert [t("io.reading.plan_is_allocated", lang), objects] in [
        list(r)[2:] for r in book.worksheets[-1].iter_rows(values_only=True)
    ]


def test_the_district_report_and_summary_leave_unknown_amounts_out_and_say_how_many(register):
    imported(register, "karasay.xlsx", akimat.ru_money_list())
    html = exports.export_report(register, akimat.KARASAY, "html", "ru").data.decode()
    kpi = "<b>24\u00a0%</b><span>Исполнение бюджета (освоено ÷ выделено) · объектов без суммы: 3</span>"
    assert kpi in html  # 300 of 1 250,5 thousand; three objects left out
    summary = exports.summary_frame(register).set_index("district_kato").loc[akimat.KARASAY]
    assert summary["budget_unknown"] == 3 and summary["execution"] == pytest.approx(300 / 1250.5, abs=1e-4)
    assert summary["budget_planned"] == pytest.approx(2_150_500)
