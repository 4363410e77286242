"""The corpus of files akimats send: good ones import; each bad one gives row-level messages and
writes nothing (record and history counts unchanged)."""

import geopandas as gpd
import pytest
import shapely
from pydantic import ValidationError
from sqlalchemy import func, select

from tests import factories
from tests.unit.io import io_corpus as corpus
from tracker.i18n.errors import messages
from tracker.io.problems import FileProblem, Severity
from tracker.io.readers import Limits
from tracker.services.actor import SYSTEM
from tracker.services.boundaries import BoundarySet
from tracker.services.imports import ImportRefused, apply_import, plan_import
from tracker.storage.tables import facilities, history

KARASAY = "195200000"
#: Rough boxes standing in for real boundaries: enough to tell "in a district" from "in the sea".
BOXES = BoundarySet(
    gpd.GeoDataFrame(
        {"kato": [corpus.TALGAR, corpus.TALDYKORGAN, KARASAY]},
        geometry=[
            shapely.box(76.95, 43.1, 77.6, 43.6),
            shapely.box(78.2, 44.9, 78.6, 45.2),
            shapely.box(76.5, 43.1, 76.9, 43.5),
        ],
        crs="EPSG:4326",
    ),
    approximate=False,
    source="test boxes",
)


@pytest.fixture
def db(memory_db):
    """Reading and checking files is the point: the in-memory copy of the register is enough."""
    with memory_db.write() as uow:
        uow.facilities.add(factories.facility(external_id="EXIST-1"), "setup")
        uow.commit()
    return memory_db


def counts(db) -> tuple[int, int]:
    with db.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(facilities)).scalar_one(),
            conn.execute(select(func.count()).select_from(history)).scalar_one(),
        )


def plan(db, data: bytes, name: str = "akimat.csv", **kwargs):
    kwargs.setdefault("boundaries", BOXES)
    return plan_import(db, SYSTEM, name, data, "objects", **kwargs)


def codes(p) -> set[tuple[str, str]]:
    return {(pr.row, pr.code) for pr in p.problems}


@pytest.mark.parametrize(
    "name, data, encoding, rows",
    [
        ("kk_kz1048.csv", corpus.kk_csv("kz1048"), "kz1048", 2),
        ("kk_utf8_bom.csv", corpus.kk_csv("utf-8-sig"), "utf-8-sig", 2),
        ("kk_utf16.csv", corpus.kk_csv("utf-16"), "utf-16", 2),
        ("ru_cp1251.csv", corpus.ru_csv("cp1251"), "cp1251", 3),
        ("ru_utf8.csv", corpus.ru_csv("utf-8"), "utf-8", 3),
    ],
)
def test_good_files_in_every_encoding_import(db, name, data, encoding, rows):
    p = plan(db, data, name)
    assert p.table.decoded.encoding == encoding and p.problems == [] and p.ok
    before = counts(db)
    assert apply_import(db, SYSTEM, p).created == rows
    assert counts(db)[0] == before[0] + rows
    names = {m.model.name_kk or m.model.name_ru for m in _all(db)}
    assert "Қарасай ауданының №5 мектебі" in names or "Школа №1" in names


def _all(db):
    with db.read() as store:
        return store.facilities.all()


BAD = [
    ("mojibake everywhere: KZ-1048 read as cp1251", corpus.mojibake_csv(), {("", "garbled"), ("", "missing_column")}),
    ("mojibake in the rows", corpus.mojibake_rows_csv(), {("2", "garbled"), ("3", "garbled")}),
    ("unknown district", corpus.ru_csv(rows=corpus.with_cell(1, "Район", "Марс")), {("3", "unknown_district")}),
    ("duplicate ids", corpus.ru_csv(rows=corpus.with_cell(2, "Код объекта", "T-1")), {("4", "duplicate")}),
    ("text in a number column", corpus.ru_csv(rows=corpus.with_cell(0, "Широта", "сорок три")), {("2", "not_number")}),
    (
        "text in a money column",
        corpus.ru_csv(rows=corpus.with_cell(1, "Сумма, тыс. тенге", "много")),
        {("3", "not_money")},
    ),
    (
        "negative money",
        corpus.ru_csv(rows=corpus.with_cell(0, "Сумма, тыс. тенге", "-1 200")),
        {("2", "negative_money")},
    ),
    (
        "coordinates abroad (Moscow)",
        corpus.ru_csv(rows=corpus.with_cell(0, "Долгота", "37,62", corpus.with_cell(0, "Широта", "55,75"))),
        {("2", "coordinates.outside")},
    ),
    (
        "latitude and longitude swapped",
        corpus.ru_csv(rows=corpus.with_cell(0, "Долгота", "43,305", corpus.with_cell(0, "Широта", "77,241"))),
        {("2", "coordinates.swapped")},
    ),
    (
        "in the Caspian sea",
        corpus.ru_csv(rows=corpus.with_cell(0, "Долгота", "50,5", corpus.with_cell(0, "Широта", "44,0"))),
        {("2", "coordinates.outside")},
    ),
    (
        "a formula",
        corpus.ru_csv(rows=corpus.with_cell(2, "Наименование", '=HYPERLINK("http://x","Акимат")')),
        {("4", "formula")},
    ),
    (
        "programme year out of range",
        corpus.ru_csv(rows=corpus.with_cell(1, "Год", "2035")),
        {("3", "facility.years_range")},
    ),
    (
        "a date that is not one",
        corpus.ru_csv(rows=corpus.with_cell(0, "Срок завершения", "31.02.2021")),
        {("2", "not_date")},
    ),
    ("an unknown stage", corpus.ru_csv(rows=corpus.with_cell(0, "Этап", "почти готово")), {("2", "bad_value")}),
    ("a required cell empty", corpus.ru_csv(rows=corpus.with_cell(1, "Сфера", "")), {("3", "required")}),
    (
        "a required column missing",
        corpus.csv_bytes(
            [h for h in corpus.RU_HEADER if h != "Широта"],
            [[c for h, c in zip(corpus.RU_HEADER, r) if h != "Широта"] for r in corpus.RU_ROWS],
        ),
        {("", "missing_column")},
    ),
    ("header only", corpus.ru_csv(rows=[]), {("", "no_rows")}),
    (
        "xlsx with a formula cell",
        corpus.xlsx_bytes(corpus.RU_HEADER, [r[:7] + ["=1200*2"] + r[8:] for r in corpus.RU_ROWS[:1]]),
        {("2", "formula")},
    ),
]


@pytest.mark.parametrize("case, data, expected", BAD, ids=[b[0] for b in BAD])
def test_bad_files_give_row_level_messages_and_write_nothing(db, case, data, expected):
    before = counts(db)
    name = "akimat.xlsx" if data.startswith(b"PK") else "akimat.csv"
    p = plan(db, data, name)
    assert expected <= codes(p), [(pr.row, pr.column, pr.value, pr.code) for pr in p.problems]
    assert not p.ok
    for problem in p.problems:
        for lang in ("kk", "ru", "en"):
            assert not problem.message(lang).startswith(("io.problem.", "rule."))
    with pytest.raises(ImportRefused):
        apply_import(db, SYSTEM, p)
    assert counts(db) == before


def test_a_message_names_row_column_and_value_in_the_users_language(db):
    p = plan(db, corpus.ru_csv(rows=corpus.with_cell(1, "Сумма, тыс. тенге", "-5")))
    problem = next(pr for pr in p.problems if pr.code == "negative_money")
    assert (problem.row, problem.column, problem.value) == ("3", "Сумма, тыс. тенге", "-5")
    assert problem.message("kk") == "Ақша сомасы теріс бола алмайды."
    assert problem.message("ru") == "Денежная сумма не может быть отрицательной."


def test_a_rule_of_the_domain_reads_the_same_in_an_import_as_on_a_form(db):
    p = plan(db, corpus.ru_csv(rows=corpus.with_cell(0, "Долгота", "43,305", corpus.with_cell(0, "Широта", "77,241"))))
    problem = next(pr for pr in p.problems if pr.code == "coordinates.swapped")
    with pytest.raises(ValidationError) as on_a_form:
        factories.facility(lat=77.241, lon=43.305)
    for lang in ("kk", "ru", "en"):
        assert messages(on_a_form.value, lang) == [problem.message(lang)]
    assert problem.value == "77.241, 43.305"


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf\r\n;;;\r\n", "empty"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "xls"),
        (b"\x00\x01binary\x00" * 50, "not_text"),
        (b"PK\x03\x04broken", "unreadable"),
    ],
)
def test_unreadable_files_are_refused_whole(db, data, code):
    before = counts(db)
    with pytest.raises(FileProblem) as caught:
        plan(db, data)
    assert caught.value.code == code and counts(db) == before


def test_huge_files_are_refused_with_the_limit_named(db):
    rows = [
        [f"H-{i}", f"Школа {i}", "Образование", "Талгарский район", "43,3", "77,24", "2021", "1", "ПСД", ""]
        for i in range(300)
    ]
    data = corpus.ru_csv(rows=rows)
    with pytest.raises(FileProblem) as by_size:
        plan(db, data, limits=Limits(max_bytes=len(data) - 1))
    assert by_size.value.code == "too_big"
    with pytest.raises(FileProblem) as by_rows:
        plan(db, data, limits=Limits(max_rows=250))
    assert by_rows.value.code == "too_many_rows" and "250" in by_rows.value.message("ru")


def test_a_typo_in_a_district_waits_for_confirmation(db):
    data = corpus.ru_csv(rows=corpus.with_cell(1, "Район", "Талгрский р-н"))
    p = plan(db, data)
    guess = next(pr for pr in p.guesses)
    assert (guess.row, guess.severity, guess.params["kato"]) == ("3", Severity.CONFIRM, corpus.TALGAR)
    assert "Талғар" in guess.message("kk") and not p.ok
    confirmed = plan(db, data, confirmed={"Талгрский р-н": corpus.TALGAR})
    assert confirmed.ok and apply_import(db, SYSTEM, confirmed).created == 3


def test_a_point_in_another_district_is_an_error_naming_both(db):
    data = corpus.ru_csv(rows=corpus.with_cell(0, "Долгота", "78,37", corpus.with_cell(0, "Широта", "45,01")))
    before = counts(db)
    p = plan(db, data)
    error = next(pr for pr in p.problems if pr.code == "district_mismatch")
    assert error.severity == Severity.ERROR and "Талдықорған" in error.message("kk")
    assert not p.ok and counts(db) == before
