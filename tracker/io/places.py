"""What a place name in a spreadsheet cell is: an oblast, a city of republican significance or a district.

«Алматы облысы», «Алматинская обл.» and «г. Алматы» name oblast-level units and never a district
(«Алматинский район» of Astana has the same stem); «Карасайский район», «Қарасай ауданы»,
«г. Конаев», «Қонаев қ.», «город областного значения Текели» name districts. The type word
decides; without one, a name shared by an oblast and a district is ambiguous.
"""

import re
from dataclasses import dataclass, field

from tracker.domain.district import District
from tracker.geo.kato_changes import KatoChanges, load_kato_changes
from tracker.geo.names import load_oblasts
from tracker.io.districts import name_key
from tracker.io.values import norm

_SIGNIFICANCE = re.compile(
    r"(областного|республиканского|районного)\s+значения|(облыстық|республикалық|аудандық)\s+маңызы\s+бар"
)
_OBLAST = re.compile(r"(?<!\w)(облысы|облыс|области|область|обл\.?|oblast|region)(?!\w)")
_CITY = re.compile(r"(?<!\w)(қаласы|қала|қ\.|г\.|гор\.|город|city|town)(?!\w)")
_DISTRICT = re.compile(r"(?<!\w)(ауданы|аудан|ауд\.|район|р-н|р-он|district)(?!\w)")
_CODE = re.compile(r"\(?\s*(\d{9})\s*\)?\s*$")
REPUBLICAN_CITY = "city"


def split_code(text: str) -> tuple[str, str | None]:
    """«Қарасай ауданы (195200000)» → («Қарасай ауданы», "195200000"): the form the template offers."""
    found = _CODE.search(text)
    if not found or not text[: found.start()].strip():
        return text, None
    return text[: found.start()].strip(" ,—-"), found.group(1)


def bare(text: str) -> tuple[str, set[str]]:
    """A name without its type words, and which types it named ({"oblast", "city", "district"})."""
    value = _SIGNIFICANCE.sub(" город ", norm(text))
    kinds = {k for k, p in (("oblast", _OBLAST), ("city", _CITY), ("district", _DISTRICT)) if p.search(value)}
    for pattern in (_OBLAST, _CITY, _DISTRICT):
        value = pattern.sub(" ", value)
    return name_key(value), kinds


def is_city(district: District) -> bool:
    """A city of oblast significance (KATO ab10-29 00000 inside an oblast), not a rural district."""
    oblast = load_oblasts().get(district.kato[:2] + "0000000")
    if oblast is not None and oblast.kind == REPUBLICAN_CITY:
        return False
    return 10 <= int(district.kato[2:4]) <= 29 and district.kato[4:] == "00000"


@dataclass(frozen=True)
class Named:
    """What a cell names: ``oblasts`` (English names) or ``districts`` (KATO codes), and how it was read."""

    oblasts: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    former: dict[str, str] = field(default_factory=dict)  # today's KATO → the former name or code used

    @property
    def empty(self) -> bool:
        return not self.oblasts and not self.districts


class Places:
    """Oblast-level units and districts by the bare form of their names, with former names."""

    def __init__(self, districts: list[District]):
        self.by_kato = {d.kato: d for d in districts}
        self.city = {d.kato for d in districts if is_city(d)}
        self._districts: dict[str, set[str]] = {}
        for d in districts:
            for name in (d.name_kk, d.name_ru, d.name_en):
                self._districts.setdefault(bare(name)[0], set()).add(d.kato)
        self.oblast_kind: dict[str, str] = {}
        self._oblasts: dict[str, set[str]] = {}
        self.prefixes: dict[str, set[str]] = {}
        oblasts = load_oblasts()
        for d in districts:
            self.prefixes.setdefault(d.oblast_en, set()).add(d.kato[:2])
            unit = oblasts.get(d.kato[:2] + "0000000")
            self.oblast_kind[d.oblast_en] = unit.kind if unit else "oblast"
            names = (d.oblast_kk, d.oblast_ru, d.oblast_en) + ((unit.short_en,) if unit else ())
            for name in names:
                self._oblasts.setdefault(bare(name)[0], set()).add(d.oblast_en)
        self.changes = KatoChanges(load_kato_changes(), districts, key=lambda n: bare(n)[0])
        by_prefix = {kato[:2]: oblast for oblast, katos in self.prefixes.items() for kato in katos}
        for change in self.changes.changes:
            oblast_level = change.new_kato.endswith("0000000")
            if oblast_level and change.kind in ("oblast_renamed", "renamed") and change.new_kato[:2] in by_prefix:
                for name in (change.old_name_kk, change.old_name_ru):
                    self._oblasts.setdefault(bare(name)[0], set()).add(by_prefix[change.new_kato[:2]])
        # Districts that belonged to another oblast before a reform (Zhetysu's were Almaty oblast's).
        self.former_prefixes: dict[str, set[str]] = {}
        for change in self.changes.changes:
            if change.old_kato and change.old_kato[:2] != change.new_kato[:2] and change.kind == "recoded":
                self.former_prefixes.setdefault(change.new_kato, set()).add(change.old_kato[:2])

    def oblast(self, text: str) -> tuple[str, ...]:
        """The oblast-level units a cell of an oblast column names (several when ambiguous)."""
        key, kinds = bare(text)
        found = self._oblasts.get(key, set())
        if "city" in kinds and "oblast" not in kinds:
            found = {o for o in found if self.oblast_kind.get(o) == REPUBLICAN_CITY} or found
        elif "oblast" in kinds:
            found = {o for o in found if self.oblast_kind.get(o) != REPUBLICAN_CITY}
        return tuple(sorted(found))

    def name(self, text: str) -> Named:
        """Read a district cell: an oblast alone, or the districts it can mean."""
        key, kinds = bare(text)
        if "oblast" in kinds and "district" not in kinds:
            return Named(oblasts=self.oblast(text))
        found = set(self._districts.get(key, set()))
        former: dict[str, str] = {}
        if not found:
            for resolution in self.changes.for_name(text):
                if resolution.today is not None:
                    found.add(resolution.kato)
                    former[resolution.kato] = text
        if "district" in kinds and "city" not in kinds:
            found = {k for k in found if k not in self.city} or found
        elif "city" in kinds and "district" not in kinds:
            cities = {k for k in found if k in self.city}
            if not cities:
                # «г. Алматы», «Астана қаласы»: a city of republican significance, i.e. an oblast-level unit.
                oblasts = tuple(o for o in self.oblast(text) if self.oblast_kind.get(o) == REPUBLICAN_CITY)
                if oblasts:
                    return Named(oblasts=oblasts)
            found = cities or found
        elif not kinds and not found:
            return Named(oblasts=self.oblast(text))
        oblasts = self.oblast(text) if not kinds else ()
        return Named(oblasts=oblasts, districts=tuple(sorted(found)), former=former)

    def in_oblast(self, kato: str, oblast_en: str) -> bool:
        """Whether a district is in the oblast, or was before a reform (a pre-2022 list of Almaty oblast)."""
        district = self.by_kato.get(kato)
        if district is None:
            return False
        if district.oblast_en == oblast_en:
            return True
        return bool(self.former_prefixes.get(kato, set()) & self.prefixes.get(oblast_en, set()))
