"""Errors of a save, told in the person's language; and escaping for user text in markdown."""

import re

from pydantic import ValidationError

from tracker.domain.enums import DisabilityCategory, Stage
from tracker.domain.errors import ConflictError, NotFound, PermissionDenied, RuleViolation
from tracker.i18n import label, t

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")

# Rules of the domain speak English; these patterns name the message each one gets.
_RULES = [
    ("exceeds allocated", "editing.rule.overrun"),
    ("needs a reason", "editing.rule.needs_reason"),
    ("accepted only after it is completed", "editing.rule.accept_after_completed"),
    ("cannot be postponed or cancelled", "editing.rule.accepted_side"),
    ("actual completion date is set", "editing.rule.actual_completion"),
    ("needs a name in Kazakh or Russian", "editing.rule.name"),
    ("outside Kazakhstan", "editing.rule.coordinates"),
    ("lies in no known district", "editing.rule.coordinates"),
    ("unknown district KATO", "editing.rule.district"),
    ("visit date must be between", "visits.rule.date"),
    ("finding for at least one category", "visits.rule.findings"),
    ("zone note may hold", "visits.rule.note_length"),
    ("larger than", "editing.rule.file_size"),
    ("content is not one of them", "editing.rule.file_type"),
    ("cannot be read", "editing.rule.file_damaged"),
    ("has too many pixels", "editing.rule.file_damaged"),
    ("the file is empty", "editing.rule.file_empty"),
    ("password needs at least", "users.rule.password_length"),
    ("password may not contain", "users.rule.password_name"),
    ("user name holds", "users.rule.username"),
    ("is taken", "users.rule.username_taken"),
    ("needs at least one district", "users.rule.editor_district"),
    ("is not an e-mail address", "users.rule.email"),
    ("active administrator must remain", "users.rule.last_admin"),
]
_PYDANTIC = {
    "greater_than_equal": "editing.error.too_small",
    "less_than_equal": "editing.error.too_large",
    "string_too_long": "editing.error.too_long",
    "string_too_short": "editing.error.required",
    "missing": "editing.error.required",
    "decimal_max_digits": "editing.error.too_large",
    "decimal_max_places": "editing.error.decimals",
    "finite_number": "editing.error.number",
    "too_short": "editing.error.required",
}


def md_escape(text: object) -> str:
    """User text that Streamlit's markdown shows as typed (no links, no formatting)."""
    return _MARKDOWN.sub(r"\\\1", "" if text is None else str(text))


def field_label(loc: tuple, lang: str) -> str:
    """The form's name of a field path such as ``("budget", "spent")`` or ``passport.wheelchair.target``."""
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


def rule_message(text: str, lang: str) -> str:
    for pattern, key in _RULES:
        if pattern in text:
            return t(key, lang)
    return t("editing.error.other", lang, detail=text)


def messages(error: Exception, lang: str) -> list[str]:
    """One readable line per problem, in ``lang``."""
    if isinstance(error, ValidationError):
        lines = []
        for item in error.errors(include_url=False):
            message = str(item.get("msg", "")).removeprefix("Value error, ")
            key = _PYDANTIC.get(item["type"])
            ctx = {k: v for k, v in (item.get("ctx") or {}).items() if isinstance(v, (int, float, str))}
            text = t(key, lang, limit=next(iter(ctx.values()), "")) if key else rule_message(message, lang)
            where = field_label(tuple(item["loc"]), lang) if item["loc"] else ""
            lines.append(f"{where}: {text}" if where else text)
        return lines
    if isinstance(error, PermissionDenied):
        return [t("editing.denied", lang)]
    if isinstance(error, NotFound):
        return [t("editing.not_found", lang)]
    if isinstance(error, ConflictError):
        return [t("editing.conflict", lang)]
    if isinstance(error, RuleViolation):
        return [rule_message(str(error), lang)]
    return [t("editing.error.other", lang, detail=str(error))]
