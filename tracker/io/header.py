"""Finding the table in a sheet as akimats keep it: title rows above, a two-row header, column numbers.

The header is the row among the first ``SCAN_ROWS`` non-empty ones that names the most known
columns. A row right under it with no numbers («план» / «факт» under a merged «Сумма») is a
second header row when joining the two names more columns; a row of column numbers
(1, 2, 3 …) under the header is not data either.
"""

import re
from dataclasses import dataclass

from tracker.io.columns import auto_map

SCAN_ROWS = 20


@dataclass(frozen=True)
class Header:
    names: list[str]
    index: int  # position of the (first) header row in the rows given
    rows: int  # header rows consumed, including a row of column numbers under it
    number: int  # the header row's number as the user sees it (1-based)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _trim(names: list[str]) -> list[str]:
    names = list(names)
    while names and not names[-1]:
        names.pop()
    return names


def _is_numbers_row(values: list) -> bool:
    """1, 2, 3 … under the header: the column numbers of an official form."""
    cells = [_text(v) for v in values if _text(v)]
    if len(cells) < 3 or not all(re.fullmatch(r"\d{1,2}\.?", c) for c in cells):
        return False
    numbers = [int(c.rstrip(".")) for c in cells]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _has_numbers(values: list) -> bool:
    return any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _joined(top: list[str], sub: list) -> list[str]:
    """«Сумма» over «план» and «факт» → «Сумма план», «Сумма факт» (a merged cell fills to its right)."""
    width = max(len(top), len(sub))
    names, parent = [], ""
    for pos in range(width):
        above = top[pos] if pos < len(top) else ""
        below = _text(sub[pos]) if pos < len(sub) else ""
        if above:
            parent = above
        if below:
            names.append(f"{parent} {below}".strip() if (above or parent) else below)
        else:
            names.append(above)
    return _trim(names)


def find_header(rows: list[tuple[int, list]], kind: str) -> Header | None:
    """The header among ``rows`` ((row number, values) of the non-empty rows, in order), or None."""
    if not rows:
        return None
    scanned = rows[:SCAN_ROWS]
    scores = [len(auto_map(_trim([_text(v) for v in values]), kind)) for _, values in scanned]
    best = max(range(len(scanned)), key=lambda i: (scores[i], -i))
    if scores[best] == 0:
        best = 0  # nothing recognised: the first non-empty row, for the user to map by hand
    number, values = scanned[best]
    names = _trim([_text(v) for v in values])
    used = 1
    if best + 1 < len(rows):
        below = rows[best + 1][1]
        if _is_numbers_row(below):
            used += 1
        elif not _has_numbers(below) and any(_text(v) for v in below):
            joined = _joined(names, below)
            if len(auto_map(joined, kind)) > scores[best]:
                names, used = joined, 2
                if best + 2 < len(rows) and _is_numbers_row(rows[best + 2][1]):
                    used += 1
    return Header(names, best, used, number)
