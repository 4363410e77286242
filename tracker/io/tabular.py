"""Writing tables to CSV and XLSX: neutralised formulas, ₸ with thousands separators, a frozen header.

Every text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return) is written with a leading apostrophe, and so is every part of a cell that
follows a comma, semicolon, tab or bar — where a reader splitting on that character would start
a new cell. Every text cell is quoted. The importer removes the apostrophes again, so the round
trip is exact. In XLSX text is stored as text, never as a formula.

Two CSV dialects: comma-separated with a decimal point (programs, LibreOffice, English Excel),
and semicolon-separated with a decimal comma (Excel in Kazakh and Russian settings, which splits
on ``;``); both UTF-8 with a BOM, dates dd.mm.yyyy, numbers unquoted so they stay numbers.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.domain.cells import neutralise
from tracker.io.records import plain

MONEY_FORMAT = '#,##0.00 "₸"'
DATE_FORMAT = "DD.MM.YYYY"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[Any]]
    money: set[int] = field(default_factory=set)  # positions of ₸ columns


DELIMITERS = (",", ";")


def _cell(value: Any, decimal_comma: bool) -> Any:
    if isinstance(value, bool) or not isinstance(value, (Decimal, float, int)):
        return neutralise(plain(value))
    text = plain(value) if isinstance(value, Decimal) else value
    return str(text).replace(".", ",") if decimal_comma else text


def to_csv(headers: list[str], rows: list[list[Any]], delimiter: str = ",") -> bytes:
    """UTF-8 with a BOM (so that Excel shows Cyrillic), dates dd.mm.yyyy; ``;`` also writes decimal commas."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter {delimiter!r}")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow([_cell(v, delimiter == ";") for v in row])
    return out.getvalue().encode("utf-8-sig")


def _title(text: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub(" ", text).strip()[:28] or "Sheet"
    title, n = base, 2
    while title.casefold() in used:
        title, n = f"{base[:25]} ({n})", n + 1
    used.add(title.casefold())
    return title


def to_xlsx(sheets: list[Sheet], about: list[tuple[str, str]], about_title: str) -> bytes:
    """A workbook with one sheet per table and a last sheet saying what the data is and where from."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for sheet in sheets:
        ws = book.create_sheet(_title(sheet.title, used))
        ws.append([neutralise(h) for h in sheet.headers])
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in sheet.rows:
            ws.append([_xlsx_value(v) for v in row])
        for pos, header in enumerate(sheet.headers):
            letter = get_column_letter(pos + 1)
            ws.column_dimensions[letter].width = min(max(len(str(header)) + 2, 12), 40)
            if pos in sheet.money:
                for (cell,) in ws.iter_rows(min_row=2, min_col=pos + 1, max_col=pos + 1):
                    cell.number_format = MONEY_FORMAT
                ws.column_dimensions[letter].width = 18
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
        _as_text(ws)
        ws.freeze_panes = "A2"
        if sheet.rows:
            ws.auto_filter.ref = ws.dimensions
    ws = book.create_sheet(_title(about_title, used))
    ws.append([about_title])
    ws["A1"].font = Font(bold=True, size=13)
    for label, value in about:
        ws.append([neutralise(label), neutralise(value)])
        ws.cell(ws.max_row, 1).font = bold
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return 1 if value else 0
    return neutralise(value)


def _as_text(ws) -> None:
    """Cells openpyxl took for formulas (text starting with =) are stored as text."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def read_xlsx_values(data: bytes) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values (for comparing two exports in tests and checks)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    finally:
        book.close()
