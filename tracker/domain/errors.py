"""Errors the domain and the services raise: a stable code and parameters, never a sentence.

Pages, the importer and the command line look the code up in the i18n catalogue
(``tracker.i18n.errors``) in the reader's language. ``str(error)`` is the English message of the
same catalogue, for logs only: nothing may parse it.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from tracker.domain.rules import Record, check_params

_ENGLISH = Path(__file__).resolve().parents[1] / "i18n" / "messages" / "en" / "rules.json"


@cache
def _english() -> dict[str, str]:
    return json.loads(_ENGLISH.read_text(encoding="utf-8"))


def english(code: str, params: dict[str, Any]) -> str:
    """The English message of ``code`` with plain values (for logs and tracebacks)."""
    values = {k: getattr(v, "value", v) for k, v in params.items()}
    template = _english().get(f"rule.{code}")
    if template is None:
        return f"{code} {values}"
    return template.format(**values)


def _restore(cls: type, state: dict) -> "TrackerError":
    error = cls.__new__(cls)
    Exception.__init__(error, state["code"])
    error.__dict__.update(state)
    return error


class TrackerError(Exception):
    """Base of every refusal: a code of ``tracker.domain.rules.CODES`` and its parameters."""

    def __init__(self, code: str, **params: Any):
        check_params(code, params)
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return english(self.code, self.params)

    def __reduce__(self):
        # Exceptions pickle through their args; ours are rebuilt from code, params and state.
        return _restore, (type(self), dict(self.__dict__))


class RuleViolation(TrackerError, ValueError):
    """A change breaks a rule of the programme (stage order, money, coordinates)."""


class NotFound(TrackerError, LookupError):
    """No live record with that key."""

    def __init__(self, record: Record, key: object):
        super().__init__("record.not_found", record=record, key=key)


class ConflictError(TrackerError):
    """The record changed since the caller read it; nothing was written.

    ``current`` is the record as it is now (its history snapshot), to show beside the caller's.
    """

    def __init__(
        self,
        record: Record,
        key: object,
        seen_version: int,
        current_version: int,
        current: dict | None = None,
    ):
        super().__init__(
            "record.changed", record=record, key=key, seen_version=seen_version, current_version=current_version
        )
        self.record = record
        self.key = key
        self.seen_version = seen_version
        self.current_version = current_version
        self.current = current or {}


class PermissionDenied(TrackerError, PermissionError):
    """The acting user may not do this."""
