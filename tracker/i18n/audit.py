"""Audit reasons and norm references in plain words, in the reader's language."""

from tracker.domain.checklist import Checklist, Question, Reason
from tracker.i18n import fmt_number, t

_UNIT_KEYS = {"%": "pct"}


def unit_text(unit: str | None, lang: str) -> str:
    return t("audit.unit." + _UNIT_KEYS.get(unit, unit), lang) if unit else ""


def amount(value: float | None, unit: str | None, lang: str) -> str:
    """``0.85 m``, ``4 cm``, ``6.5 %``: at most two decimals, none when whole."""
    if value is None:
        return "–"
    digits = 0 if float(value).is_integer() else (1 if round(value, 1) == round(value, 2) else 2)
    return f"{fmt_number(value, lang, digits)}\u00a0{unit_text(unit, lang)}"


def norm_text(checklist: Checklist, question: Question, lang: str) -> str:
    """``СП РК 3.06-101-2012, п. 4.3.2.14`` — or the same with "to confirm"."""
    norm, document = question.norm, checklist.document(question)
    if norm.clause and not norm.to_confirm:
        return t("audit.norm.clause", lang, document=document, clause=norm.clause)
    if norm.clause:
        return t("audit.norm.clause_to_confirm", lang, document=document, clause=norm.clause)
    return t("audit.norm.to_confirm", lang, document=document)


def limit_text(question: Question, lang: str) -> str:
    """The limit as the checklist states it: ``≥ 0.9 m``, ``≤ 5 % (≤ 8 % when … ≤ 0.8 m)``, ``1.2–1.6 m``."""
    r, u = question.rule, question.unit
    if r.min is not None and r.max is not None:
        return f"{amount(r.min, None, lang).strip()}–{amount(r.max, u, lang)}"
    text = f"≥ {amount(r.min, u, lang)}" if r.min is not None else f"≤ {amount(r.max, u, lang)}"
    if r.relaxed:
        text += " " + t(
            "audit.limit.relaxed",
            lang,
            limit=amount(r.relaxed.max, u, lang),
            at_most=amount(r.relaxed.at_most, "m", lang),
        )
    return text


def reason_text(checklist: Checklist, reason: Reason, lang: str) -> str:
    """ "Кіреберіс, К: табалдырық 4 см …" — the zone, the category, what was found, the norm, the state."""
    question = checklist.question(reason.zone, reason.question)
    u = question.unit
    values = {
        "zone": t(f"visits.zone.{reason.zone.value}", lang),
        "category": reason.category.code,
        "question": question.text(lang),
        "state": reason.state.code,
        "norm": norm_text(checklist, question, lang),
        "value": amount(reason.value, u, lang),
        "limit": amount(reason.limit, u, lang),
        "high": amount(reason.limit_high, u, lang),
        "by": amount(abs((reason.value or 0) - (reason.limit or 0)), u, lang),
    }
    return t(f"audit.reason.{reason.kind}", lang, **values)


def state_line(states: dict, lang: str) -> str:
    """``К: ДЧ · О: ДП · …`` for the categories assessed."""
    return " · ".join(f"{c.code}: {s.code}" for c, s in states.items() if s is not None) or "–"


def limits_table(checklist: Checklist, lang: str) -> tuple[list[dict[str, str]], str]:
    """Every limit of the checklist with its clause or "to confirm", and the note on the rule."""
    rows = [
        {
            "zone": t(f"visits.zone.{zone.value}", lang),
            "question": q.text(lang),
            "limit": limit_text(q, lang),
            "norm": norm_text(checklist, q, lang),
        }
        for zone, q in checklist.limits()
    ]
    return rows, t("audit.rule_note", lang)
