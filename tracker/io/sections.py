"""Rows of an akimat list that are not objects: oblast and district sections, totals, the template's example.

A section row is one text alone in its row (often merged across the table), perhaps after a
row number: «Алматинская область», «Карасайский район», «Білім беру». A district section
gives its district to the rows under it, an oblast section its oblast; totals («Итого»,
«Барлығы», «Всего по району») are skipped. Each is reported, never silently dropped.
"""

import re
from dataclasses import dataclass
from enum import Enum

from tracker.domain.enums import Sector
from tracker.io import values
from tracker.io.places import Places, split_code
from tracker.io.problems import ValueProblem

_TOTAL = re.compile(r"^(итого|всего|барлығы|барлыгы|жиыны|жиынтығы|жиынтыгы|total)(?!\w)")
_NUMBER = re.compile(r"^[\dIVXivx]+[.)]?$")
#: The id cell of the template's example row, in any language.
EXAMPLE_MARKS = ("пример", "мысал", "example")


@dataclass(frozen=True)
class Section:
    kind: str  # total, oblast, district, sector, example, unknown
    text: str
    oblast: str | None = None
    kato: str | None = None
    sector: Enum | None = None


def _texts(cells: list) -> list[str]:
    return [str(v).strip() for v in cells if not values.is_empty(v)]


def is_example(cells: list, id_pos: int | None) -> bool:
    if id_pos is None or id_pos >= len(cells) or values.is_empty(cells[id_pos]):
        return False
    text = values.norm(cells[id_pos])
    return any(text.startswith(mark) for mark in EXAMPLE_MARKS)


def section_of(cells: list, places: Places, id_pos: int | None = None, oblast: str | None = None) -> Section | None:
    """What a non-object row is, or None for a row that is (or may be) an object."""
    texts = _texts(cells)
    if not texts:
        return None
    if is_example(cells, id_pos):
        return Section("example", texts[0])
    first = values.norm(next((t for t in texts if not _NUMBER.match(t)), ""))
    if _TOTAL.match(first):
        return Section("total", first)
    words = [t for t in texts if not _NUMBER.match(t)]
    if len(set(words)) != 1 or len(texts) - len(words) > 1:
        return None
    text = words[0]
    name, code = split_code(text)
    named = places.name(name)
    if oblast and len(named.districts) > 1:
        inside = tuple(k for k in named.districts if places.in_oblast(k, oblast))
        named = type(named)(named.oblasts, inside or named.districts, named.former)
    if code and code in places.by_kato:
        return Section("district", text, kato=code)
    if named.oblasts and not named.districts:
        return Section("oblast", text, oblast=named.oblasts[0] if len(named.oblasts) == 1 else None)
    if len(named.districts) == 1 and not named.oblasts:
        return Section("district", text, kato=named.districts[0])
    try:
        sector = values.vocabulary(text, Sector)
    except ValueProblem:
        sector = None
    if sector is not None:
        return Section("sector", text, sector=sector)
    if named.districts or named.oblasts:
        return Section("unknown", text)
    return None
