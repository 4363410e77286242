"""The dry run as a workbook: what will happen to every row, with the problems beside the original cells.

Three sheets in the reader's language: a summary (header row used, rows to create / update /
leave, skipped rows, errors, approximate locations, how districts were found), the rows as the
file has them followed by the outcome, district, how it was found, location precision and every
message — a cell with a problem is filled red and carries the message as a comment — and the
readings of vocabulary and money cells («МБ» → local budget) with how many rows used each.
"""

import io
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from enum import Enum

from tracker.i18n import fmt_int, fmt_money, label, t
from tracker.io.mappings import Meaning
from tracker.io.problems import Problem, Severity
from tracker.io.readers import RawTable
from tracker.io.rows import ParsedRow
from tracker.io.tabular import neutralise

_FILL = {Severity.ERROR: "F8D7DA", Severity.CONFIRM: "FFF3CD", Severity.WARNING: "FFF3CD", Severity.NOTE: "E7F1FF"}


def reading(value: object, lang: str) -> str:
    """A value as read, in the reader's language."""
    if isinstance(value, Meaning):
        return t(value.key, lang)
    if isinstance(value, Enum):
        return label(value, lang)
    if isinstance(value, Decimal):
        return fmt_money(value, lang)
    if isinstance(value, list):
        return "; ".join(reading(v, lang) for v in value)
    return str(value)


def outcome(row: ParsedRow, action: str | None) -> str:
    """create, update, unchanged, skipped or error."""
    if row.skipped:
        return "skipped"
    if any(p.severity in (Severity.ERROR, Severity.CONFIRM) for p in row.problems) or action is None:
        return "error"
    return action


def summary_lines(table: RawTable, rows: list[ParsedRow], actions: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """The figures of the summary sheet (and of the Import page), label → value."""
    outcomes = Counter(outcome(r, actions.get(r.label)) for r in rows)
    how = Counter(r.district_how for r in rows if r.district_how and not r.skipped)
    approximate = sum(1 for r in rows if r.model is not None and r.precision.value != "exact")
    header = str(table.header_row or "–")
    if table.header_rows > 1:
        header = t("io.import_report.header_rows", lang, row=header, rows=table.header_rows)
    lines = [
        (t("io.import_report.header_row", lang), header),
        (t("io.import_report.rows_read", lang), fmt_int(len(rows), lang)),
    ]
    for key in ("create", "update", "unchanged", "skipped", "error"):
        lines.append((t(f"io.import_report.outcome_{key}", lang), fmt_int(outcomes.get(key, 0), lang)))
    lines.append((t("io.import_report.approximate", lang), fmt_int(approximate, lang)))
    for key in ("code", "name", "old_code", "former_name", "section", "point", "confirmed"):
        if how.get(key):
            lines.append((t(f"io.import_report.how_{key}", lang), fmt_int(how[key], lang)))
    return lines


def report_workbook(
    table: RawTable,
    rows: list[ParsedRow],
    problems: list[Problem],
    mappings: dict,
    actions: dict[str, str],
    district_name: Callable[[str], str],
    lang: str,
    filename: str,
) -> bytes:
    """The report of a dry run as XLSX bytes."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    ws = book.active
    ws.title = t("io.import_report.summary", lang)
    ws.append([t("io.import_report.title", lang, file=neutralise(filename))])
    ws["A1"].font = Font(bold=True, size=13)
    for name, value in summary_lines(table, rows, actions, lang):
        ws.append([name, value])
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 24

    sheet = book.create_sheet(t("io.import_report.rows", lang))
    extra = [
        t(f"io.import_report.col_{k}", lang) for k in ("row", "outcome", "district", "how", "precision", "messages")
    ]
    sheet.append([extra[0], *[neutralise(h) for h in table.headers], *extra[1:]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    by_row: dict[str, list[Problem]] = {}
    for p in problems:
        by_row.setdefault(p.row, []).append(p)
    positions = {h: i for i, h in enumerate(table.headers)}
    file_rows = dict(table.rows)
    for row in rows:
        cells = file_rows.get(row.label, [])
        model = row.model
        found = by_row.get(row.label, [])
        sheet.append(
            [
                row.label,
                *[neutralise(v) for v in list(cells) + [None] * (len(table.headers) - len(cells))],
                t(f"io.import_report.outcome_{outcome(row, actions.get(row.label))}", lang),
                district_name(model.district_kato) if model is not None else "",
                t(f"io.import_report.how_{row.district_how}", lang) if row.district_how else "",
                label(row.precision, lang) if model is not None and hasattr(model, "location_precision") else "",
                "\n".join(neutralise(p.message(lang)) for p in found),
            ]
        )
        at = sheet.max_row
        for p in found:
            for part in p.column.split(" / "):
                if part in positions:
                    cell = sheet.cell(at, positions[part] + 2)
                    cell.fill = PatternFill("solid", fgColor=_FILL[p.severity])
                    cell.comment = Comment(p.message(lang), "tracker")
        sheet.cell(at, len(table.headers) + 6).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 8

    words = book.create_sheet(t("io.import_report.readings", lang))
    words.append([t(f"io.import_report.col_{k}", lang) for k in ("column", "written", "read_as", "count")])
    for cell in words[1]:
        cell.font = Font(bold=True)
    for (header, written), (value, count) in sorted(mappings.items(), key=lambda item: item[0]):
        words.append([neutralise(header), neutralise(written), reading(value, lang), count])
    for letter, width in zip("ABCD", (32, 32, 48, 10)):
        words.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
