"""Reading the cells of akimat spreadsheets: money, numbers, dates, vocabularies, lists.

Each parser takes a raw cell (text from a CSV, or a number/date from a workbook), returns the
value or None for an empty cell, and raises ``ValueProblem`` with a message code otherwise.
"""

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache

from tracker.domain.cells import FORMULA_START
from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.passport import ConclusionError, parse_conclusion
from tracker.i18n import LANGUAGES, label
from tracker.io.problems import ValueProblem
from tracker.io.words import SYNONYMS

_INNER_NEUTRALISED = re.compile(r"([,;\t|\r\n])(\s*)'([=+\-@])")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_MULTIPLIERS = (
    (re.compile(r"(млрд|миллиард|billion|bn)\.?"), Decimal(10) ** 9),
    (re.compile(r"(млн|миллион|million|mln|m)\.?"), Decimal(10) ** 6),
    (re.compile(r"(мың|тыс|тысяч|thousand|k)\.?"), Decimal(10) ** 3),
)
_CURRENCY = re.compile(r"(₸|kzt|тенге|теңге|тг\.?|tenge|tg)")
_TRUE = {"1", "true", "yes", "y", "иә", "ия", "да", "д", "x", "✓", "demo", "демо"}
_FALSE = {"0", "false", "no", "n", "жоқ", "нет", "н", ""}


def norm(text: object) -> str:
    """NFC, casefold, single spaces: the form names are compared in."""
    value = unicodedata.normalize("NFC", str(text)).casefold()
    return " ".join(value.replace("ё", "е").split())


def is_empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (isinstance(raw, float) and raw != raw)


def text(raw: object) -> str | None:
    """A text cell; a leading apostrophe that neutralised a formula on export is removed."""
    if is_empty(raw):
        return None
    value = _INNER_NEUTRALISED.sub(r"\1\2\3", str(raw).strip())
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value


def is_formula(raw: object) -> bool:
    """A cell that would be evaluated by a spreadsheet: ``=SUM(...)``, ``=HYPERLINK(...)``."""
    return isinstance(raw, str) and raw.lstrip().startswith("=") and len(raw.strip()) > 1


def money(raw: object, unit: Decimal = Decimal(1)) -> Decimal | None:
    """Tenge from "141 400,0", "141.4 млн", "1 200 мың ₸", "1,200,000.50" or a number cell.

    ``unit`` is the multiplier a column header stated ("мың теңге" → 1000).
    """
    if is_empty(raw):
        return None
    if isinstance(raw, bool):
        raise ValueProblem("not_money")
    if isinstance(raw, (int, float, Decimal)):
        amount = Decimal(str(raw))
    else:
        value = norm(raw)
        value = _CURRENCY.sub("", value)
        value = value.strip(" .")
        for pattern, factor in _MULTIPLIERS:
            found = pattern.search(value)
            if found and found.end() >= len(value):
                unit = factor  # «1,2 млн» says its own unit, whatever the column's header says
                value = value[: found.start()]
                break
        amount = _decimal(_SPACES.sub("", value).strip("."))
    amount = amount * unit
    if not amount.is_finite():
        raise ValueProblem("not_money")
    if amount < 0:
        raise ValueProblem("negative_money")
    if amount >= Decimal(10) ** 15:
        raise ValueProblem("too_large")
    return amount.quantize(Decimal("0.01"))


def _decimal(value: str) -> Decimal:
    if not value or not re.fullmatch(r"[-+]?[\d.,]+", value):
        raise ValueProblem("not_money")
    comma, dot = value.rfind(","), value.rfind(".")
    if comma >= 0 and dot >= 0:
        # Both: the last one is the decimal mark ("1.200.000,50" or "1,200,000.50").
        thousands = "." if comma > dot else ","
        value = value.replace(thousands, "").replace(",", ".")
    elif value.count(",") > 1:
        value = value.replace(",", "")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    else:
        value = value.replace(",", ".")  # one comma: the decimal comma of kk/ru spreadsheets
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValueProblem("not_money") from exc


def number(raw: object) -> float | None:
    if is_empty(raw):
        return None
    if isinstance(raw, bool):
        raise ValueProblem("not_number")
    if isinstance(raw, (int, float, Decimal)):
        value = float(raw)
    else:
        cleaned = _SPACES.sub("", str(raw)).replace(",", ".")
        try:
            value = float(cleaned)
        except ValueError as exc:
            raise ValueProblem("not_number") from exc
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueProblem("not_number")
    return value


def integer(raw: object) -> int | None:
    value = number(raw)
    if value is None:
        return None
    if value != int(value):
        raise ValueProblem("not_integer")
    if value < 0:
        raise ValueProblem("negative_number")
    return int(value)


def day(raw: object) -> date | None:
    """A date from dd.mm.yyyy, yyyy-mm-dd, dd/mm/yyyy or a workbook date cell."""
    if is_empty(raw):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    value = str(raw).strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueProblem("not_date")


def month(raw: object) -> str | None:
    """YYYY-MM from "2025-01", "01.2025", "01/2025" or a date."""
    if is_empty(raw):
        return None
    if isinstance(raw, (date, datetime)):
        return f"{raw.year:04d}-{raw.month:02d}"
    value = str(raw).strip()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", value) or None
    if found:
        year, mon = int(found.group(1)), int(found.group(2))
    else:
        found = re.fullmatch(r"(?:\d{1,2}\.)?(\d{1,2})[./](\d{4})", value)
        if not found:
            raise ValueProblem("not_month")
        mon, year = int(found.group(1)), int(found.group(2))
    if not 1 <= mon <= 12:
        raise ValueProblem("not_month")
    return f"{year:04d}-{mon:02d}"


def boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    value = norm(raw) if raw is not None else ""
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueProblem("not_boolean")


@cache
def _vocabulary(enum: type[Enum]) -> dict[str, Enum]:
    names: dict[str, Enum] = {}
    for member in enum:
        keys = {member.value, member.name}
        for lang in LANGUAGES:
            name = label(member, lang)
            keys |= {name, name.split(" — ")[0], name.split(" — ")[-1]}
        if isinstance(member, PassportState):
            keys.add(member.code)
        keys |= set(SYNONYMS.get(member, ()))
        names.update({norm(k): member for k in keys if k})
    return names


def vocabulary(raw: object, enum: type[Enum]) -> Enum | None:
    """A value of ``enum`` from its stored value or its name in kk/ru/en ("Жобалау", "ПСД")."""
    if is_empty(raw):
        return None
    key = norm(raw)
    found = _vocabulary(enum).get(key) or _vocabulary(enum).get(key.split(" — ")[0])
    if found is None and enum is PassportState:
        try:
            return PassportState.from_code(str(raw).split(" — ")[0].split("-")[0])
        except ValueError:
            pass
    if found is None:
        raise ValueProblem(
            "bad_value",
            allowed=", ".join(label(m, "kk").split(" — ")[0] if enum is PassportState else str(m.value) for m in enum),
        )
    return found


def conclusion(raw: object) -> dict[DisabilityCategory, PassportState] | None:
    """The per-category states a passport conclusion names («ДЧ-И (К, О)», «DP-V», «ВНД»)."""
    if is_empty(raw):
        return None
    try:
        return parse_conclusion(str(raw))
    except ConclusionError:
        raise ValueProblem("bad_conclusion", example="ДП-В; ДЧ-И (К, О); ВНД") from None


def vocabulary_list(raw: object, enum: type[Enum]) -> list:
    """Several values separated by ";" or new lines (or commas when that is what the cell uses)."""
    if is_empty(raw):
        return []
    value = str(raw)
    parts = re.split(r"[;\n]", value) if re.search(r"[;\n]", value) else [value]
    values = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        try:
            values.append(vocabulary(part, enum))
        except ValueProblem:
            if "," not in part:
                raise
            values.extend(vocabulary(p, enum) for p in part.split(",") if p.strip())
    return values


def years(raw: object) -> list[int]:
    """Programme years: "2021", "2021; 2022", "2021-2023" or a number cell."""
    if is_empty(raw):
        return []
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = str(int(raw)) if raw == int(raw) else str(raw)
    found: list[int] = []
    for part in re.split(r"[;,\s]+", str(raw).strip()):
        span = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", part)
        if span:
            found.extend(range(int(span.group(1)), int(span.group(2)) + 1))
        elif re.fullmatch(r"\d{4}", part):
            found.append(int(part))
        elif part:
            raise ValueProblem("not_years")
    return sorted(set(found))


def kato(raw: object) -> str | None:
    """A 9-digit KATO code; a workbook may hand it over as a number."""
    if is_empty(raw):
        return None
    if isinstance(raw, float) and raw == int(raw):
        raw = int(raw)
    value = str(raw).strip()
    if not re.fullmatch(r"\d{9}", value):
        raise ValueProblem("bad_kato")
    return value
