"""Refusals told in the reader's language, by their code — for pages, the importer and the CLI.

A ``TrackerError`` carries a code of ``tracker.domain.rules`` and its parameters; its message is
``rule.<code>`` in ``messages/<lang>/rules.json``. pydantic wraps a RuleViolation raised in a
validator: the original is in the error item's ``ctx["error"]``. pydantic's own checks (too long,
missing, not a number…) are named by their error type. No English text is ever matched.
"""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import ValidationError

from tracker.domain.calendar import KZ_TIME
from tracker.domain.enums import DisabilityCategory, Stage
from tracker.domain.errors import TrackerError
from tracker.i18n import NBSP, fmt_date, fmt_money, fmt_number, label, t

#: pydantic's error types → the rule code that names them.
PYDANTIC_CODES = {
    "greater_than_equal": "value.too_small",
    "greater_than": "value.too_small",
    "less_than_equal": "value.too_large",
    "less_than": "value.too_large",
    "string_too_long": "value.too_long",
    "string_too_short": "value.required",
    "missing": "value.required",
    "too_short": "value.required",
    "decimal_max_digits": "value.too_large",
    "decimal_max_places": "value.decimals",
    "finite_number": "value.number",
    "float_parsing": "value.number",
    "int_parsing": "value.number",
    "decimal_parsing": "value.number",
}


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, Enum):
        return label(value, lang)
    if isinstance(value, datetime):
        return value.astimezone(KZ_TIME).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, Decimal):
        # Money, to the tiyn when it has any: a refusal must show the amount as it was typed.
        whole = value == value.to_integral_value()
        return fmt_money(value, lang) if whole else f"{fmt_number(value, lang, 2)}{NBSP}₸"
    if isinstance(value, float):
        # Coordinates and the like keep every digit given; Kazakh and Russian write a decimal comma.
        return str(value) if lang == "en" else str(value).replace(".", ",")
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(_value(v, lang)) for v in value)
    return value


def rule_message(code: str, params: dict[str, Any], lang: str) -> str:
    """The message of a rule code in ``lang``, its parameters written as the reader expects."""
    # Formatted here rather than by t(): a rule's parameter may be called "key".
    return t(f"rule.{code}", lang).format(**{k: _value(v, lang) for k, v in params.items()})


def error_message(error: TrackerError, lang: str) -> str:
    return rule_message(error.code, error.params, lang)


def field_label(loc: Iterable, lang: str) -> str:
    """The form's name of a field path such as ``("budget", "spent")`` or ``passport.wheelchair.target``."""
    loc = tuple(loc)
    parts = [str(p) for p in loc if not isinstance(p, int)]
    if len(parts) >= 2 and parts[0] in ("passport", "stage_dates"):
        vocabulary = DisabilityCategory if parts[0] == "passport" else Stage
        try:
            named = label(vocabulary(parts[1]), lang)
        except ValueError:
            named = parts[1]
        what = (
            t(f"editing.field.{parts[0]}.{parts[2]}", lang) if len(parts) > 2 else t(f"editing.field.{parts[0]}", lang)
        )
        return f"{named}: {what}"
    key = "editing.field." + ".".join(parts)
    text = t(key, lang)
    if text != key:
        return text
    first = f"editing.field.{loc[0]}" if loc else ""
    return t(first, lang) if loc and t(first, lang) != first else ".".join(str(p) for p in loc)


def pydantic_problem(item: dict) -> tuple[str, dict[str, Any]] | None:
    """(code, params) of one pydantic error item, or None when nothing names its type."""
    error = (item.get("ctx") or {}).get("error")
    if isinstance(error, TrackerError):
        return error.code, error.params
    code = PYDANTIC_CODES.get(item["type"])
    if code is None:
        return None
    limits = [v for v in (item.get("ctx") or {}).values() if isinstance(v, (int, float, str, Decimal))]
    return code, ({"limit": limits[0] if limits else ""} if code.startswith("value.too_") else {})


def messages(error: Exception, lang: str) -> list[str]:
    """One readable line per problem, in ``lang``."""
    if isinstance(error, ValidationError):
        lines = []
        for item in error.errors(include_url=False):
            named = pydantic_problem(item)
            if named is None:
                text = t("editing.error.other", lang, detail=str(item.get("msg", "")).removeprefix("Value error, "))
            else:
                text = rule_message(*named, lang)
            # A rule's message is a whole sentence; pydantic's own checks need the field named.
            wrapped = isinstance((item.get("ctx") or {}).get("error"), TrackerError)
            where = field_label(item["loc"], lang) if item["loc"] and not wrapped else ""
            lines.append(f"{where}: {text}" if where else text)
        return lines
    if isinstance(error, TrackerError):
        return [error_message(error, lang)]
    return [t("editing.error.other", lang, detail=str(error))]
