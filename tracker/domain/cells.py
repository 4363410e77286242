"""Spreadsheet cells that would run as formulas (OWASP's CSV injection list), and the one way every
export makes them plain text. Here so that the export writers (``io``) and the analytics' own
tables (``analytics``) share it."""

import re
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@")
#: What a spreadsheet runs as a formula at the start of a cell.
FORMULA_START = (*FORMULA_PREFIXES, "\t", "\r")
#: A formula start after a character some reader splits cells on; the export puts a ' before it.
INNER_FORMULA = re.compile(r"([,;\t|\r\n])(\s*)([=+\-@])")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would evaluate, whatever it splits on, gets apostrophes; other values pass."""
    if not isinstance(value, str):
        return value
    value = INNER_FORMULA.sub(r"\1\2'\3", value)
    return "'" + value if value.startswith(FORMULA_START) else value
