"""Finding the district a spreadsheet row means: by KATO code, or by its name in kk/ru/en.

Names are compared after NFC + casefold, without words like "ауданы"/"район"/"district", and
with Kazakh letters folded to their Russian look-alikes ("Талгар" = "Талғар"). A name that
matches nothing exactly but resembles one district is a *guess*: the importer shows it and
waits for the user to confirm it; it never imports on a guess.
"""

import difflib
import re
from dataclasses import dataclass

from tracker.domain.district import District
from tracker.i18n import LANGUAGES
from tracker.io.values import norm

_NOISE = re.compile(
    r"\b(ауданы|аудан|район[а-я]*|р-н|district|city|қаласы|қ\.|г\.|город[а-я]*|облысы|облыс|"
    r"области|область|region|oblast|ауд\.)(?=\s|$)"
)
_FOLD = str.maketrans("әғқңөұүһі", "агкноууhи")
GUESS_CUTOFF = 0.8


def name_key(name: str) -> str:
    """The form two spellings of one district name share."""
    value = norm(name).replace("«", " ").replace("»", " ").replace('"', " ")
    value = _NOISE.sub(" ", value)
    value = re.sub(r"[^\w\s-]", " ", value)
    return " ".join(value.translate(_FOLD).split())


@dataclass(frozen=True)
class Match:
    kato: str | None
    guess: str | None = None  # a KATO code the user must confirm
    ambiguous: tuple[str, ...] = ()  # several districts share this name


class DistrictMatcher:
    """Names and codes of the register's districts; ``match`` finds the one a row means."""

    def __init__(self, districts: list[District]):
        self.by_kato = {d.kato: d for d in districts}
        self._by_name: dict[str, set[str]] = {}
        self._oblasts: dict[str, str] = {}
        self._cache: dict[tuple[str, str | None], Match] = {}
        for d in districts:
            for name in (d.name_kk, d.name_ru, d.name_en):
                self._by_name.setdefault(name_key(name), set()).add(d.kato)
            for oblast in (d.oblast_kk, d.oblast_ru, d.oblast_en):
                self._oblasts[name_key(oblast)] = d.oblast_en

    def oblast(self, name: str | None) -> str | None:
        """The English name of an oblast named in any language (None when unknown or empty)."""
        return self._oblasts.get(name_key(name)) if name else None

    def match(self, name: str, oblast_en: str | None = None, confirmed: dict[str, str] | None = None) -> Match:
        if confirmed and name in confirmed:
            return Match(confirmed[name])
        # A file repeats the same few names thousands of times; fuzzy matching is the slow part.
        cached = self._cache.get((name, oblast_en))
        if cached is None:
            cached = self._cache[(name, oblast_en)] = self._match(name, oblast_en)
        return cached

    def _match(self, name: str, oblast_en: str | None) -> Match:
        key = name_key(name)
        found = self._by_name.get(key, set())
        if oblast_en and len(found) > 1:
            found = {k for k in found if self.by_kato[k].oblast_en == oblast_en}
        if len(found) == 1:
            return Match(next(iter(found)))
        if len(found) > 1:
            return Match(None, ambiguous=tuple(sorted(found)))
        candidates = [
            k
            for k, katos in self._by_name.items()
            if not oblast_en or any(self.by_kato[c].oblast_en == oblast_en for c in katos)
        ]
        close = difflib.get_close_matches(key, candidates, n=2, cutoff=GUESS_CUTOFF)
        if close:
            katos = sorted(self._by_name[close[0]])
            if oblast_en:
                katos = [k for k in katos if self.by_kato[k].oblast_en == oblast_en] or katos
            if len(katos) == 1:
                return Match(None, guess=katos[0])
        return Match(None)

    def label(self, kato: str, lang: str) -> str:
        d = self.by_kato.get(kato)
        return f"{d.name(lang)} ({d.oblast(lang)}, {kato})" if d else kato

    def labels(self, kato: str) -> dict[str, str]:
        """The district's label in every language, for messages rendered later in the user's."""
        return {lang: self.label(kato, lang) for lang in LANGUAGES}
