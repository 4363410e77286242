"""Rebuild ``districts.csv`` from the geokz 2024 district boundaries.

usage: python geodata/make_catalog.py PATH/TO/kaz_admbnda_adm2_2024.shp

What is kept from geokz (CC BY 4.0, A. Rodionov): KATO codes, kk/ru/en names of districts, the
area of each district and an interior point of it. District names are put right by
``name_corrections.csv`` and oblast names come from ``oblasts.csv`` (official names, a source per
row). The simplified boundaries are built by ``make_boundaries.py``. Admin centres, populations
and disability figures of the default region come from the sources named in the rows themselves
(see SOURCES.md).
"""

import csv
import sys
from pathlib import Path

import geopandas as gpd
from shapely import make_valid
from shapely.geometry import Point

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tracker.geo.names import apply_corrections, load_oblasts  # noqa: E402
from tracker.geo.shipped import oblast_code  # noqa: E402

GEOKZ = "geokz 1.0.2, A. Rodionov, CC BY 4.0"
EQUAL_AREA = "+proj=aea +lat_1=42 +lat_2=52 +lat_0=48 +lon_0=68 +datum=WGS84 +units=m"

# Admin centres of the default region (Almaty + Zhetysu oblasts), lat/lon to ~0.01°.
CENTRES = {
    "191000000": ("Қонаев", 43.867, 77.064),
    "193600000": ("Бақанас", 44.809, 76.274),
    "194000000": ("Есік", 43.355, 77.452),
    "194200000": ("Ұзынағаш", 43.221, 76.311),
    "194400000": ("Кеген", 42.977, 79.227),
    "195200000": ("Қаскелең", 43.199, 76.621),
    "195800000": ("Нарынқол", 42.719, 80.172),
    "196200000": ("Талғар", 43.303, 77.240),
    "196600000": ("Шонжы", 43.531, 79.468),
    "196800000": ("Өтеген батыр", 43.419, 77.022),
    "331000000": ("Талдықорған", 45.015, 78.373),
    "331800000": ("Текелі", 44.845, 78.830),  # nudged ~1.7 km: the geokz outline runs through the town
    "333200000": ("Жансүгіров", 45.393, 79.488),
    "333400000": ("Үшарал", 46.169, 80.939),
    "333600000": ("Қарабұлақ", 44.908, 78.491),
    "334000000": ("Сарыөзек", 44.359, 77.967),
    "334200000": ("Балпық би", 44.897, 78.225),
    "334400000": ("Үштөбе", 45.251, 77.980),
    "334600000": ("Жаркент", 44.163, 80.003),
    "334800000": ("Сарқан", 45.412, 79.916),
}

STAT_2023 = "Bureau of National Statistics, population as of 1 Jan 2023"
ZHETYSU_POPULATION = {
    "333200000": 37_294,
    "333400000": 75_204,
    "333600000": 52_368,
    "334000000": 44_600,
    "334200000": 42_157,
    "334600000": 133_831,
    "334400000": 40_365,
    "334800000": 39_898,
    "331000000": 201_644,
    "331800000": 31_314,
}
ALMATY_OBLAST_TOTAL = 1_505_984
# Per-district figures for Almaty oblast were not found; these shares only split the oblast
# total and every resulting figure is marked as an estimate.
ALMATY_SHARES = {
    "191000000": 65,
    "191800000": 66,
    "193600000": 30,
    "194000000": 310,
    "194200000": 145,
    "194400000": 30,
    "195200000": 290,
    "195800000": 55,
    "196200000": 220,
    "196600000": 65,
    "196800000": 230,
}
SEED_DISABLED, SEED_CHILDREN = 66_947, 8_843
SEED = "seed article on the programme in Almaty oblast (before the 2022 split), 2021"

FIELDS = [
    "kato",
    "name_kk",
    "name_ru",
    "name_en",
    "oblast_kk",
    "oblast_ru",
    "oblast_en",
    "admin_centre",
    "centre_lat",
    "centre_lon",
    "centre_approximate",
    "area_km2",
    "population",
    "population_source",
    "population_year",
    "population_estimate",
    "disabled_total",
    "disabled_total_source",
    "disabled_total_year",
    "disabled_total_estimate",
    "disabled_children",
    "disabled_children_source",
    "disabled_children_year",
    "disabled_children_estimate",
    "default_region",
]


def almaty_populations() -> dict[str, int]:
    total = sum(ALMATY_SHARES.values())
    pops = {k: ALMATY_OBLAST_TOTAL * v // total for k, v in ALMATY_SHARES.items()}
    biggest = max(pops, key=pops.get)
    pops[biggest] += ALMATY_OBLAST_TOTAL - sum(pops.values())
    return pops


def split(total: int, weights: dict[str, int]) -> dict[str, int]:
    whole = sum(weights.values())
    parts = {k: total * w // whole for k, w in weights.items()}
    biggest = max(parts, key=parts.get)
    parts[biggest] += total - sum(parts.values())
    return parts


def main(shapefile: str) -> None:
    gdf = gpd.read_file(shapefile)
    gdf["geometry"] = gdf.geometry.apply(make_valid)
    gdf["kato"] = gdf["KATO"].astype(str).str.zfill(9)
    names = {
        k: {"name_kk": kk, "name_ru": ru, "name_en": en}
        for k, kk, ru, en in zip(gdf["kato"], gdf["ADM2_KK"], gdf["ADM2_RU"], gdf["ADM2_EN"])
    }
    for c in apply_corrections(names):
        print(f"warning: correction not applied, geokz no longer has {c.field}={c.geokz!r} for {c.kato}")
    oblasts = load_oblasts()
    areas = gdf.to_crs(EQUAL_AREA).area / 1e6
    almaty = almaty_populations()
    population = {**almaty, **ZHETYSU_POPULATION}
    disabled = split(SEED_DISABLED, population)
    children = split(SEED_CHILDREN, population)
    rows = []
    for (_, r), area in zip(gdf.iterrows(), areas):
        kato = r["kato"]
        inside = r.geometry.representative_point()
        centre = CENTRES.get(kato)
        approximate = centre is None or not r.geometry.buffer(0.02).contains(Point(centre[2], centre[1]))
        name, lat, lon = centre if centre and not approximate else (None, inside.y, inside.x)
        row = {
            "kato": kato,
            **names[kato],
            "oblast_kk": oblasts[oblast_code(kato)].name_kk,
            "oblast_ru": oblasts[oblast_code(kato)].name_ru,
            "oblast_en": oblasts[oblast_code(kato)].name_en,
            "admin_centre": name or "",
            "centre_lat": round(lat, 4),
            "centre_lon": round(lon, 4),
            "centre_approximate": int(approximate),
            "area_km2": round(float(area), 1),
            "default_region": int(kato in population),
        }
        if kato in population:
            estimate = kato in almaty
            row |= {
                "population": population[kato],
                "population_source": (
                    f"estimate: {STAT_2023} for Almaty oblast ({ALMATY_OBLAST_TOTAL:,}) split by approximate district shares"  # noqa: E501
                    if estimate
                    else STAT_2023
                ),
                "population_year": 2023,
                "population_estimate": int(estimate),
                "disabled_total": disabled[kato],
                "disabled_total_source": f"estimate: {SEED} total {SEED_DISABLED:,} split by population",
                "disabled_total_year": 2021,
                "disabled_total_estimate": 1,
                "disabled_children": children[kato],
                "disabled_children_source": f"estimate: {SEED} total {SEED_CHILDREN:,} split by population",
                "disabled_children_year": 2021,
                "disabled_children_estimate": 1,
            }
        rows.append(row)
    rows.sort(key=lambda row: row["kato"])
    with open(HERE / "districts.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} districts written; boundary-derived fields from {GEOKZ}")


if __name__ == "__main__":
    main(sys.argv[1])
