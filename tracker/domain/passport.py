"""The accessibility passport as it is kept: functional zones × categories, and its conclusion.

Each functional zone of a building (territory and parking, entrance, paths inside, service
zone, sanitary rooms, information means, the route from the transport stop) is assessed for
each category of users (К, О, С, Г, У): a current state and the state the adaptation aims at,
with the measures the zone needs and those it has received.

The zones and the way a conclusion is written («ДП-В», «ДЧ-И (К, О)», «ВНД») follow the
passport forms of the Russian passportisation methodology (structural-functional zones 1-7
and the state codes ДП-В / ДП-И / ДЧ-В / ДЧ-И / ДУ / ВНД — e.g. the acts of survey published
by the Omsk and Orenburg oblast governments). How the object's state per category follows
from the zone states was not found in a published source: it is **the tracker's rule**:

* the states are ordered ДП (best) < ДЧ < ДУ < ВНД (worst);
* the object's state for a category is the worst state among the zones assessed for that
  category — an object is only as accessible as the least accessible zone a person must use;
* a zone not assessed for a category does not count; a category with no assessed zone is not
  assessed by the matrix (``None``): the object keeps the per-category summary entered for it
  (``tracker.domain.facility.summary_from_zones``), and a category with neither is left out of
  the conclusion;
* the conclusion groups the assessed categories by state, best first: a state held by all five
  categories is written ``<state>-В``, by some ``<state>-И (letters)``; ВНД has no suffix and
  lists its categories unless all five are ВНД. Parts are joined with ``, ``.
"""

import re
import unicodedata
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tracker.domain.enums import DisabilityCategory, Measure, PassportState

_MEASURE_ORDER = {m: i for i, m in enumerate(Measure)}
CATEGORIES: tuple[DisabilityCategory, ...] = tuple(DisabilityCategory)

RULE_NOTE = "the tracker's rule: worst state among the zones assessed for the category"


class Zone(StrEnum):
    """Functional zones of the accessibility passport, in the order of the passport form."""

    TERRITORY = "territory"
    ENTRANCE = "entrance"
    PATHS = "paths"
    SERVICE = "service"
    SANITARY = "sanitary"
    INFORMATION = "information"
    ROUTE = "route"


class ZoneState(BaseModel):
    """One zone for one category: its state now and the state the adaptation aims at."""

    model_config = ConfigDict(extra="forbid")

    current: PassportState | None = None
    target: PassportState | None = None


class ZoneAssessment(BaseModel):
    """One functional zone: a state per category, the measures it needs and has received."""

    model_config = ConfigDict(extra="forbid")

    states: dict[DisabilityCategory, ZoneState] = Field(default_factory=dict)
    measures: list[Measure] = Field(default_factory=list)
    measures_done: list[Measure] = Field(default_factory=list)

    @field_validator("states")
    @classmethod
    def _drop_empty(cls, states: dict[DisabilityCategory, ZoneState]) -> dict[DisabilityCategory, ZoneState]:
        return {c: s for c, s in states.items() if s.current is not None or s.target is not None}

    @field_validator("measures", "measures_done")
    @classmethod
    def _unique(cls, measures: list[Measure]) -> list[Measure]:
        return sorted(set(measures), key=_MEASURE_ORDER.__getitem__)

    @property
    def empty(self) -> bool:
        return not (self.states or self.measures or self.measures_done)


Matrix = dict[Zone, ZoneAssessment]


def worst(states) -> PassportState | None:
    """The worst of the given states (``None`` entries skipped); ``None`` when none is given."""
    given = [s for s in states if s is not None]
    return max(given, key=lambda s: s.rank) if given else None


def category_states(matrix: Matrix, field: str = "current") -> dict[DisabilityCategory, PassportState | None]:
    """The object's state per category from the zones (``field`` = ``current`` or ``target``)."""
    return {c: worst(getattr(z.states[c], field) for z in matrix.values() if c in z.states) for c in CATEGORIES}


def zone_findings_states(
    findings: dict[Zone, dict[DisabilityCategory, PassportState]],
) -> dict[DisabilityCategory, PassportState]:
    """Per category, the worst state found over the zones (categories never found are left out)."""
    found = {c: worst(per.get(c) for per in findings.values()) for c in CATEGORIES}
    return {c: s for c, s in found.items() if s is not None}


def conclusion(states: dict[DisabilityCategory, PassportState | None]) -> str | None:
    """«ДП-В», «ДЧ-И (К, О)», «ДП-И (К, О), ДУ-И (С, Г), ВНД (У)», «ВНД»; ``None`` when nothing is assessed."""
    parts = []
    for state in PassportState:
        held = [c for c in CATEGORIES if states.get(c) == state]
        if not held:
            continue
        letters = ", ".join(c.code for c in held)
        if state is PassportState.NONE:
            parts.append(state.code if len(held) == len(CATEGORIES) else f"{state.code} ({letters})")
        elif len(held) == len(CATEGORIES):
            parts.append(f"{state.code}-В")
        else:
            parts.append(f"{state.code}-И ({letters})")
    return ", ".join(parts) or None


# --- counting objects as the ministry counts them -------------------------------------------

#: ``full`` — ДП for all five categories (ДП-В): *adapted*, as the ministry counts; ``partly`` —
#: assessed, neither ДП-В nor all ВНД (partly or conditionally accessible, or accessible for some
#: categories only); ``not_accessible`` — ВНД for every category assessed; ``not_assessed``.
OBJECT_CLASSES = ("full", "partly", "not_accessible", "not_assessed")


def object_class(states) -> str:
    """One of ``OBJECT_CLASSES`` for an object's current state per category (values or ``None``)."""
    given = [PassportState(s) for s in states if s is not None]
    if not given:
        return "not_assessed"
    if len(given) == len(CATEGORIES) and all(s is PassportState.FULL for s in given):
        return "full"
    if all(s is PassportState.NONE for s in given):
        return "not_accessible"
    return "partly"


# --- reading a conclusion as people type it ------------------------------------------------

#: Latin letters typed for their Cyrillic look-alikes or transliterations, after upper-casing.
_LATIN = {"K": "К", "O": "О", "C": "С", "S": "С", "G": "Г", "U": "У", "Y": "У", "B": "В", "V": "В", "I": "И"}
_STATE_WORDS = {
    "ДП": PassportState.FULL,
    "DP": PassportState.FULL,
    "ДЧ": PassportState.PARTIAL,
    "DCH": PassportState.PARTIAL,
    "ДУ": PassportState.CONDITIONAL,
    "DU": PassportState.CONDITIONAL,
    "ВНД": PassportState.NONE,
    "VND": PassportState.NONE,
}
_BY_LETTER = {c.code: c for c in CATEGORIES}
_PART = re.compile(r"(ВНД|VND|ДП|DP|ДЧ|DCH|ДУ|DU)\s*(?:[-‐‑–—]\s*([A-ZА-Я]))?\s*(?:\(([^)]*)\))?")


class ConclusionError(ValueError):
    """The text is not a passport conclusion."""


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).upper()
    return re.sub(r"[«»\"'“”„]", "", text)


def _letters(inside: str) -> list[DisabilityCategory]:
    found = []
    for token in re.split(r"[\s,;/]+", inside.strip()):
        if not token:
            continue
        letter = _LATIN.get(token, token)
        if letter not in _BY_LETTER:
            raise ConclusionError(f"unknown category letter {token!r}; expected К, О, С, Г, У")
        found.append(_BY_LETTER[letter])
    return found


def parse_conclusion(text: str) -> dict[DisabilityCategory, PassportState]:
    """The per-category states a conclusion names: ``"ДЧ-И (К, О)"`` → ``{К: ДЧ, О: ДЧ}``.

    Accepts what people type: Latin look-alikes (``DCH-I (K, O)``, ``ДП-B``), any case and
    spacing (``дч - и(к,о)``), quotes around letters (``ДЧ-И ("К", "О")``), several parts
    (``ДП-И (К, О), ДЧ-И (С, Г, У)``) and a bare ``ВНД`` or ``ДП`` meaning all categories.
    Raises :class:`ConclusionError` for anything else, or when a category is named twice.
    """
    rest = _normal(text)
    if not rest.strip():
        raise ConclusionError("empty conclusion")
    found: dict[DisabilityCategory, PassportState] = {}
    pos = 0
    while True:
        while pos < len(rest) and rest[pos] in " ,;\t\n":
            pos += 1
        if pos >= len(rest):
            break
        match = _PART.match(rest, pos)
        if not match or match.end() == pos:
            raise ConclusionError(f"cannot read {text!r} as a passport conclusion")
        state = _STATE_WORDS[match.group(1)]
        scope = _LATIN.get(match.group(2) or "", match.group(2) or "")
        if scope not in ("", "В", "И"):
            raise ConclusionError(f"unknown scope {match.group(2)!r}; expected В (all) or И (some)")
        inside = match.group(3)
        if inside is not None and scope != "В":
            categories = _letters(inside)
            if not categories:
                raise ConclusionError(f"no categories named in {text!r}")
        elif scope == "И":
            raise ConclusionError(f"{text!r} says «some categories» but names none")
        else:
            categories = list(CATEGORIES)
        for category in categories:
            if category in found:
                raise ConclusionError(f"category {category.code} is named twice in {text!r}")
            found[category] = state
        pos = match.end()
    return found
