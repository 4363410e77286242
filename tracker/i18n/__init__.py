"""Messages in Kazakh (default), Russian and English, and number/date formats for each.

Catalogues live in ``messages/<lang>/<area>.json``; each area file holds the keys of one part of
the app, and a key may be defined in one area only.
"""

import json
import math
import re
import string
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path

from tracker.domain.language import DEFAULT_LANGUAGE, LANGUAGES, display_name  # noqa: F401  (one home, said here)

MESSAGES = Path(__file__).parent / "messages"
NBSP = "\u00a0"


@cache
def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((MESSAGES / lang).glob("*.json")):
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(f"message key {key!r} is defined twice for {lang} ({path.name})")
            merged[key] = text
    return merged


def language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, **values) -> str:
    """The message ``key`` in ``lang``, with ``{placeholders}`` filled; English, then the key, if missing."""
    text = catalogue(language(lang)).get(key) or catalogue("en").get(key) or key
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def label(value: Enum, lang: str) -> str:
    """The name of a vocabulary value, e.g. ``Stage.IN_WORKS`` → "Жұмыс жүріп жатыр"."""
    return t(f"{type(value).__name__}.{value.value}", lang)


MISSING = "–"


def missing(value: object) -> bool:
    """None, NaN, NaT or pandas' NA: a figure nobody has (shown as "–")."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT and Decimal("NaN") differ from themselves
    except TypeError:  # pandas.NA refuses to be a bool
        return True


def fmt_int(value: int | float | None, lang: str) -> str:
    """Whole number with thousands separated; "–" for None or NaN (every ``fmt_*`` does so)."""
    if missing(value):
        return MISSING
    text = f"{round(value):,}"
    return text if lang == "en" else text.replace(",", NBSP)


def rounded(value: float, significant: int = 2) -> int:
    """An estimate to ``significant`` digits (not below tens from 100 up): 66 947 → 67 000, 1 741 → 1 700."""
    if value < 100:
        return round(value)
    step = 10 ** max(1, math.floor(math.log10(abs(value))) + 1 - significant)
    return int(round(value / step) * step)


def fmt_approx(value: int | float | None, lang: str) -> str:
    """An estimate as it should be read, rounded and marked: ``≈ 65 000``; "–" when unknown."""
    if missing(value):
        return MISSING
    return f"≈{NBSP}{fmt_int(rounded(float(value)), lang)}"


def fmt_figure(value: int | float | None, estimate: bool, lang: str) -> str:
    """A sourced figure: exactly as counted, or rounded with "≈" when it is an estimate."""
    return fmt_approx(value, lang) if estimate else fmt_int(value, lang)


def fmt_number(value: float | Decimal | None, lang: str, digits: int = 1) -> str:
    if missing(value):
        return MISSING
    text = f"{float(value):,.{digits}f}"
    if lang == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def fmt_money(value: float | Decimal | None, lang: str) -> str:
    """Whole tenge with thousands separated: ``141 400 000 ₸``."""
    return MISSING if missing(value) else f"{fmt_int(float(value), lang)}{NBSP}₸"


def fmt_mln(value: float | Decimal | None, lang: str) -> str:
    """Millions of tenge with one decimal: ``141,4 млн ₸``."""
    if missing(value):
        return MISSING
    return f"{fmt_number(float(value) / 1e6, lang)}{NBSP}{t('unit.mln', lang)}{NBSP}₸"


def fmt_pct(share: float | None, lang: str, digits: int = 0) -> str:
    return MISSING if missing(share) else f"{fmt_number(share * 100, lang, digits)}{NBSP}%"


def fmt_date(value: date | datetime | str | None) -> str:
    """dd.mm.yyyy in every language."""
    if missing(value) or value == "":
        return MISSING
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d.%m.%Y")


def source_text(text: str, lang: str) -> str:
    """A figure's source, stored in English, with the phrases the catalogue knows said in ``lang``.

    Sources are data (a file or a person may name any source); the shipped ones — the seed
    article, the Bureau of National Statistics, the registers, "demo" and "estimate: " — are
    translated phrase by phrase, longest first; anything else stays as written.
    """
    if language(lang) == "en" or not text:
        return text
    for key, english in _source_phrases():
        if english == "demo":
            text = re.sub(r"(?<![\w-])demo(?![\w-])", t(key, lang), text)
        elif english in text:
            text = text.replace(english, t(key, lang))
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", NBSP, text)  # 66,947 → 66 947


@cache
def _source_phrases() -> list[tuple[str, str]]:
    english = catalogue("en")
    return sorted(((k, v) for k, v in english.items() if k.startswith("sources.")), key=lambda kv: -len(kv[1]))
