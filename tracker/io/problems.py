"""Row-level problems of an import: where (row, column), what value, and what is wrong.

A problem carries a message code and its parameters, not a sentence, so that the same report
reads in Kazakh, Russian or English. A rule of the domain keeps its own code
(``coordinates.swapped``…) and reads as it does on a form; problems only an import has
(a formula in a cell, a garbled encoding…) are ``io.problem.<code>``.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from tracker.domain.rules import CODES
from tracker.i18n import t
from tracker.i18n.errors import rule_message


class Severity(StrEnum):
    ERROR = "error"  # the row cannot be imported; the whole import waits
    WARNING = "warning"  # imported, but a person should look
    CONFIRM = "confirm"  # a guess the user must confirm before the import can run
    NOTE = "note"  # how a row was read (a district from its section, an approximate location…)


@dataclass(frozen=True)
class Problem:
    row: str  # "12" for a CSV line, "Sheet!12" for a workbook; "" for the whole file
    column: str  # the column as the file names it; "" when not about one column
    value: str  # the offending value, shortened
    code: str
    params: dict = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def message(self, lang: str) -> str:
        if self.code in CODES:
            return rule_message(self.code, self.params, lang)
        params = {k: _in(v, lang) for k, v in self.params.items()}
        return t(f"io.problem.{self.code}", lang, **params)


class ValueProblem(ValueError):
    """A cell that cannot be read as the column's kind of value."""

    def __init__(self, code: str, severity: Severity = Severity.ERROR, **params):
        super().__init__(code)
        self.code = code
        self.params = params
        self.severity = severity


class FileProblem(ValueError):
    """The file as a whole cannot be read (exit code 2): too big, empty, not a table, unknown format."""

    def __init__(self, code: str, **params):
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params

    def message(self, lang: str) -> str:
        return t(f"io.file.{self.code}", lang, **self.params)


def shorten(value: object, limit: int = 80) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _in(value: object, lang: str) -> object:
    """A parameter in ``lang``: a ``{lang: text}`` dict picks its language, an ``io.`` key is translated."""
    if callable(value):
        return value(lang)
    if isinstance(value, dict):
        return value.get(lang) or value.get("en") or next(iter(value.values()), "")
    if isinstance(value, str) and value.startswith("io."):
        return t(value, lang)
    return value
