"""A workbook people can fill in and import unchanged: headers in their language, dropdowns, an example row.

The first sheet has one header row (money columns say their unit, thousands of tenge), one
example row marked as such in the id column — the importer skips it — and dropdowns on the
enumerated columns, fed from the second sheet, which lists every accepted value: the districts
of the reader's scope with their KATO codes, sectors, stages, accessibility states, funding
sources, ownership and measures.
"""

import io
from enum import Enum

from tracker.domain.district import District
from tracker.domain.enums import FundingSource, Measure, Ownership, PassportState, Sector, Stage
from tracker.i18n import label, t
from tracker.io.columns import column

#: The columns of the objects template, in order; the ones with a vocabulary get a dropdown.
TEMPLATE_COLUMNS = (
    "external_id",
    "name_kk",
    "name_ru",
    "sector",
    "district",
    "address",
    "lat",
    "lon",
    "ownership",
    "program_years",
    "measures",
    "budget_planned",
    "budget_allocated",
    "budget_spent",
    "funding_source",
    "stage",
    "accessibility",
)
MONEY = ("budget_planned", "budget_allocated", "budget_spent")
VOCABULARIES: dict[str, type[Enum]] = {
    "sector": Sector,
    "ownership": Ownership,
    "funding_source": FundingSource,
    "stage": Stage,
    "accessibility": PassportState,
    "measures": Measure,
}
MAX_ROWS = 2000  # rows the dropdowns cover


def district_choice(district: District, lang: str) -> str:
    """«Қарасай (195200000)»: a name the importer reads with its code, so no name is ever ambiguous."""
    return f"{district.name(lang)} ({district.kato})"


def headers(lang: str) -> list[str]:
    unit = t("io.template.thousands", lang)
    return [
        f"{column('objects', key).title(lang).replace(', ₸', '').replace(' ₸', '')}, {unit}"
        if key in MONEY
        else column("objects", key).title(lang)
        for key in TEMPLATE_COLUMNS
    ]


def _example(lang: str, districts: list[District]) -> list:
    d = districts[0] if districts else None
    values = {
        "external_id": t("io.template.example_id", lang),
        "name_kk": "№ 5 жалпы білім беретін мектеп",
        "name_ru": "Общеобразовательная школа № 5",
        "sector": label(Sector.EDUCATION, lang),
        "district": district_choice(d, lang) if d else "",
        "address": t("io.template.example_address", lang),
        "ownership": label(Ownership.COMMUNAL, lang),
        "program_years": "2025-2026",
        "measures": f"{label(Measure.RAMP, lang)}; {label(Measure.CONTRAST_MARKING, lang)}",
        "budget_planned": 1250.5,
        "funding_source": label(FundingSource.LOCAL, lang),
        "stage": label(Stage.DESIGN_ESTIMATE, lang),
        "accessibility": label(PassportState.PARTIAL, lang),
    }
    return [values.get(key) for key in TEMPLATE_COLUMNS]


def objects_template(lang: str, districts: list[District]) -> bytes:
    """The objects template for a reader of ``lang`` whose scope is ``districts``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ws = book.active
    ws.title = t("io.template.sheet", lang)
    ws.append(headers(lang))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.append(_example(lang, districts))
    for cell in ws[2]:
        cell.font = Font(italic=True, color="666666")
    ws.freeze_panes = "A2"
    lists = book.create_sheet(t("io.template.values_sheet", lang))
    choices: dict[str, list[str]] = {"district": [district_choice(d, lang) for d in districts]}
    choices |= {key: [label(m, lang) for m in enum] for key, enum in VOCABULARIES.items()}
    ref = quote_sheetname(lists.title)
    for pos, (key, items) in enumerate(choices.items(), 1):
        letter = get_column_letter(pos)
        lists.cell(1, pos, column("objects", key).title(lang)).font = Font(bold=True)
        for row, item in enumerate(items, 2):
            lists.cell(row, pos, item)
        lists.column_dimensions[letter].width = 40
        if key == "measures" or not items:
            continue  # several measures go in one cell, separated by «;»: no single-choice list
        target = get_column_letter(TEMPLATE_COLUMNS.index(key) + 1)
        rule = DataValidation(type="list", formula1=f"={ref}!${letter}$2:${letter}${len(items) + 1}", allow_blank=True)
        rule.error = t("io.template.pick", lang)
        rule.showErrorMessage = True
        ws.add_data_validation(rule)
        rule.add(f"{target}2:{target}{MAX_ROWS}")
    lists.cell(1, len(choices) + 2, t("io.template.kato", lang)).font = Font(bold=True)
    for row, d in enumerate(districts, 2):
        lists.cell(row, len(choices) + 2, d.kato)
    note = len(choices) + 4
    lists.cell(1, note, t("io.template.notes_title", lang)).font = Font(bold=True)
    for row, key in enumerate(("note_example", "note_money", "note_measures", "note_point"), 2):
        lists.cell(row, note, t(f"io.template.{key}", lang))
    for pos, key in enumerate(TEMPLATE_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(pos)].width = 34 if key in ("name_kk", "name_ru", "district") else 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
