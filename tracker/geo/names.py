"""Official place names: the oblast table and the corrections applied to geokz's district names.

Both tables live in ``geodata/`` (``oblasts.csv``, ``name_corrections.csv``) with a source per
row, and are applied by ``geodata/make_catalog.py`` when the catalogue is built.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GEODATA = Path(__file__).resolve().parents[2] / "geodata"
CORRECTIONS_PATH = GEODATA / "name_corrections.csv"
OBLASTS_PATH = GEODATA / "oblasts.csv"
NAME_FIELDS = ("name_kk", "name_ru", "name_en")
# Letters of one script inside a name of the other: geokz has «Aршалинский» (Latin A) and
# «Солтүстiк» (Latin i); a Latin name must not carry a Cyrillic look-alike either.
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@dataclass(frozen=True)
class Correction:
    kato: str
    field: str
    geokz: str
    corrected: str
    reason: str
    source: str


@dataclass(frozen=True)
class Oblast:
    """An oblast or a city of republican significance (``kind`` "oblast" or "city")."""

    kato: str
    short_en: str
    kind: str
    name_kk: str
    name_ru: str
    name_en: str
    source: str


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def load_corrections(path: Path = CORRECTIONS_PATH) -> tuple[Correction, ...]:
    return tuple(Correction(**row) for row in _rows(path))


@cache
def load_oblasts(path: Path = OBLASTS_PATH) -> dict[str, Oblast]:
    """Oblast-level units by their KATO code (e.g. ``330000000``)."""
    return {row["kato"]: Oblast(**row) for row in _rows(path)}


def apply_corrections(
    names: dict[str, dict[str, str]], corrections: tuple[Correction, ...] | None = None
) -> list[Correction]:
    """Correct ``names`` (KATO → {field: value}) in place; return the corrections not applied.

    A correction applies only where the source still holds the wrong spelling it names, so a
    geokz release that fixes a name (or changes it otherwise) shows up instead of being overwritten.
    """
    skipped = []
    for c in load_corrections() if corrections is None else corrections:
        row = names.get(c.kato)
        if row is None or row.get(c.field) != c.geokz:
            skipped.append(c)
            continue
        row[c.field] = c.corrected
    return skipped


def mixed_script(name: str, lang: str) -> bool:
    """Whether a name holds a letter of the wrong script for its language (kk/ru Cyrillic, en Latin)."""
    return bool(_CYRILLIC.search(name) if lang == "en" else _LATIN.search(name))
