"""What an old KATO code or a former place name means today: ``geodata/kato_changes.csv``.

Each row of the table is one change (a district moved to a new oblast and recoded, a renaming, a
village made a city, an oblast split off), with its date and source; see ``geodata/SOURCES.md``.
Nothing here guesses: a code that is both a former code and a live one (191000000 was
Taldykorgan before June 2022 and is Қонаев today) is reported as such, for the caller to decide.
"""

import csv
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from tracker.domain.district import District
from tracker.geo.catalog import load_catalog

CHANGES_PATH = Path(__file__).resolve().parents[2] / "geodata" / "kato_changes.csv"
KINDS = ("recoded", "renamed", "reclassified", "split_off", "created", "oblast_created", "oblast_renamed")
# Kinds after which the old code no longer means the old place; after a split or a new oblast
# the old code goes on meaning what is left of it.
GONE = ("recoded", "renamed", "reclassified", "oblast_renamed")


@dataclass(frozen=True)
class KatoChange:
    old_kato: str
    old_name_kk: str
    old_name_ru: str
    new_kato: str
    new_name_kk: str
    new_name_ru: str
    date: date | None  # None where the date of the act was not found (the note says so)
    kind: str
    note: str
    source: str


@dataclass(frozen=True)
class Resolution:
    """A change and the district it leads to today (None when it leads to an oblast)."""

    change: KatoChange
    today: District | None

    @property
    def kato(self) -> str:
        return self.change.new_kato


def _plain(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@cache
def load_kato_changes(path: Path = CHANGES_PATH) -> tuple[KatoChange, ...]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        KatoChange(**(row | {"date": date.fromisoformat(row["date"]) if row["date"] else None})) for row in rows
    )


class KatoChanges:
    """Look-ups over the change table against the districts of today.

    ``key`` turns a name into the form two spellings share; by default NFC + casefold, an
    importer passes its own (which also drops words such as «ауданы», «г.»).
    """

    def __init__(
        self,
        changes: Iterable[KatoChange],
        districts: Iterable[District],
        key: Callable[[str], str] = _plain,
    ):
        self.changes = tuple(changes)
        self.districts = {d.kato: d for d in districts}
        self._key = key
        self._by_code: dict[str, list[KatoChange]] = {}
        self._by_name: dict[str, list[KatoChange]] = {}
        for c in self.changes:
            if c.old_kato and c.old_kato != c.new_kato and c.kind in GONE:
                self._by_code.setdefault(c.old_kato, []).append(c)
            for old, new in ((c.old_name_kk, c.new_name_kk), (c.old_name_ru, c.new_name_ru)):
                if old and key(old) != key(new):
                    self._by_name.setdefault(key(old), []).append(c)

    def _resolve(self, change: KatoChange) -> Resolution:
        seen = {change.old_kato}
        # Follow a code that is itself gone (none in today's table, but a later split may add one).
        while change.new_kato not in self.districts and change.new_kato in self._by_code:
            if change.new_kato in seen:
                break
            seen.add(change.new_kato)
            change = max(self._by_code[change.new_kato], key=lambda c: c.date or date.min)
        return Resolution(change, self.districts.get(change.new_kato))

    def for_code(self, kato: str) -> list[Resolution]:
        """Where a former code went, latest change first; empty for a code that never changed."""
        found = sorted(self._by_code.get(str(kato).strip(), ()), key=lambda c: c.date or date.min, reverse=True)
        latest = {c.new_kato: c for c in reversed(found)}  # one per destination: the latest change
        return [self._resolve(c) for c in sorted(latest.values(), key=lambda c: c.date or date.min, reverse=True)]

    def for_name(self, name: str) -> list[Resolution]:
        """What a former name (kk or ru) is called today; several results mean the name is ambiguous."""
        found = self._by_name.get(self._key(name), ())
        unique = {(c.new_kato, c.old_kato): c for c in found}
        return [self._resolve(c) for c in unique.values()]

    def reused(self, kato: str) -> bool:
        """Whether a code is live today *and* meant another place before (e.g. 191000000)."""
        return kato in self.districts and bool(self._by_code.get(kato))


@cache
def kato_changes() -> KatoChanges:
    """The shipped change table against the shipped catalogue."""
    return KatoChanges(load_kato_changes(), load_catalog())
