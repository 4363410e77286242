"""How the cells of a file were read: «МБ» → local budget, «частично доступно» → ДЧ, «1 250,5» (тыс.) → 1 250 500 ₸.

Collected once per distinct cell while parsing, so the report shows each reading with how
many rows used it instead of repeating it on every row.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from tracker.i18n import LANGUAGES, label
from tracker.io.values import norm

#: (column header, the cell as written) → [the value read, rows]
Mappings = dict[tuple[str, str], list]
_KINDS = ("enum", "enum_list", "passport", "money", "years")


@dataclass(frozen=True)
class Meaning:
    """A reading said in words rather than as a value, named by its catalogue key."""

    key: str


EMPTY_AMOUNT = Meaning("io.reading.empty_amount")
PLAN_IS_ALLOCATED = Meaning("io.reading.plan_is_allocated")


def record_meaning(mappings: Mappings | None, header: str, written: str, meaning: Meaning) -> None:
    """Count a row read with ``meaning`` (an empty amount, «план» taken as the allocation)."""
    if mappings is not None:
        mappings.setdefault((header, written), [meaning, 0])[1] += 1


def record_mapping(mappings: Mappings, column, header: str, raw: Any, value: Any, unit: Decimal) -> None:
    """Remember a reading worth showing: a vocabulary word, a list, a money amount in a unit or with words."""
    if column.kind not in _KINDS or value is None or value == []:
        return
    written = str(raw).strip()
    if column.kind == "money" and unit == 1 and not isinstance(raw, str):
        return
    if column.kind == "years" and not isinstance(raw, str):
        return
    if column.kind in ("enum", "passport") and isinstance(value, Enum) and norm(written) in _own_names(value):
        return  # the tracker's own name for the value: nothing to explain
    if column.kind == "years" and written.isdigit():
        return
    entry = mappings.setdefault((header, written), [value, 0])
    entry[1] += 1


def _own_names(value: Enum) -> set[str]:
    names = {norm(value.value)}
    for lang in LANGUAGES:
        name = label(value, lang)
        names |= {norm(name), norm(name.split(" — ")[0]), norm(name.split(" — ")[-1])}
    return names
