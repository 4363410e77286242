"""Export writers: formulas neutralised, ₸ formatted, header frozen; OSM tags from the passport."""

import io
from datetime import date
from decimal import Decimal

import pytest

from tests import factories
from tracker.domain import PassportEntry
from tracker.domain.enums import DisabilityCategory, Measure, PassportState
from tracker.io import geojson, tabular, values


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+7 701", "-", "@SUM(A1)"])
def test_formula_text_is_neutralised_and_restored_on_import(text):
    written = tabular.neutralise(text)
    assert written == "'" + text and values.text(written) == text


def test_csv_has_a_bom_and_plain_cells():
    data = tabular.to_csv(["a", "b", "c"], [["=1+1", Decimal("1200.5"), date(2021, 3, 7)]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[1] == '"\'=1+1","1200.50","07.03.2021"'


HOSTILE = ["=2+5", "@SUM(2+5)", "+7 701 000 00 00", "-2+3", "\t=1+1", "\r=1+1", "Абай к-сі, =2+5", "x;@SUM(1)", "a\t+1"]


@pytest.mark.parametrize("delimiter", tabular.DELIMITERS)
@pytest.mark.parametrize("split_on", [",", ";", "\t", "|"])
def test_no_cell_starts_a_formula_whatever_a_reader_splits_on(delimiter, split_on):
    data = tabular.to_csv(["name", "sum"], [[text, Decimal("5.5")] for text in HOSTILE], delimiter=delimiter)
    for line in data.decode("utf-8-sig").splitlines()[1:]:
        for piece in line.split(split_on):
            assert not piece.strip('"').startswith(values.FORMULA_START), (line, piece)


@pytest.mark.parametrize("delimiter", tabular.DELIMITERS)
def test_a_proper_reader_gets_every_text_back_and_numbers_stay_numbers(delimiter):
    import csv

    rows = [[text, Decimal("1234567.5"), date(2024, 3, 1)] for text in HOSTILE]
    data = tabular.to_csv(["name", "sum", "day"], rows, delimiter=delimiter)
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))[1:]
    assert [values.text(r[0]).strip() for r in read] == [h.strip() for h in HOSTILE]
    money = "1234567,50" if delimiter == ";" else "1234567.50"
    assert {(r[1], r[2]) for r in read} == {(money, "01.03.2024")}
    assert values.money(money) == Decimal("1234567.50")


def test_xlsx_is_formatted():
    from openpyxl import load_workbook

    sheet = tabular.Sheet("Нысандар", ["name", "budget"], [["=cmd|' /C calc'!A0", Decimal("141400000")]], {1})
    book = load_workbook(io.BytesIO(tabular.to_xlsx([sheet], [("source", "test")], "About")))
    ws = book["Нысандар"]
    assert ws.freeze_panes == "A2"
    assert ws["B2"].number_format == tabular.MONEY_FORMAT and ws["B2"].value == 141400000
    assert ws["A2"].data_type == "s" and ws["A2"].value.startswith("'=")
    assert book.sheetnames == ["Нысандар", "About"]


@pytest.mark.parametrize(
    "state, tag",
    [
        (PassportState.FULL, "yes"),
        (PassportState.PARTIAL, "limited"),
        (PassportState.CONDITIONAL, "limited"),
        (PassportState.NONE, "no"),
    ],
)
def test_wheelchair_tag_follows_category_k(state, tag):
    facility = factories.facility(passport={DisabilityCategory.WHEELCHAIR: PassportEntry(current=state)})
    assert geojson.osm_tags(facility)["wheelchair"] == tag


def test_toilet_tag_and_demo_label():
    built = factories.facility(
        measures=[Measure.ACCESSIBLE_TOILET], measures_done=[Measure.ACCESSIBLE_TOILET], demo=True
    )
    planned = factories.facility(measures=[Measure.ACCESSIBLE_TOILET])
    none = factories.facility(measures=[Measure.RAMP], passport={})
    assert geojson.osm_tags(built)["toilets:wheelchair"] == "yes" and geojson.osm_tags(built)["demo"] == "yes"
    assert geojson.osm_tags(planned)["toilets:wheelchair"] == "no"
    assert "toilets:wheelchair" not in geojson.osm_tags(none) and "wheelchair" not in geojson.osm_tags(none)
