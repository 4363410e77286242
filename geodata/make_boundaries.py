"""Build the shipped, simplified district boundaries from the geokz 2024 shapefile.

usage: python geodata/make_boundaries.py PATH/TO/kaz_admbnda_adm2_2024.shp

Writes into ``geodata/boundaries/``:
- ``districts.geojson`` — the 224 districts and cities of oblast significance (``kato``, names);
- ``oblasts.geojson`` — the 20 oblasts and cities of republican significance, each the union of
  its districts (so an oblast border is exactly the border of its outer districts);
- ``kazakhstan.geojson`` — the national outline, the union of all districts.

The districts are simplified together as one coverage (``shapely.coverage_clean`` first, as the
geokz polygons overlap by slivers and share edges with different vertices, then
``GeoSeries.simplify_coverage``): a border shared by two districts stays one line, so no gap or
sliver opens between neighbours. Coordinates are rounded to 4 decimals (about 10 m). Names come
from the corrected catalogue (``districts.csv``, built by ``make_catalog.py``), not from geokz.

Source: geokz 1.0.2, A. Rodionov, CC BY 4.0 (see ``LICENSE-geokz-CC-BY-4.0.md``); the
simplification is ours.
"""

import csv
import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tracker.geo.boundaries import read_boundaries, simplify_for_map  # noqa: E402
from tracker.geo.shipped import (  # noqa: E402
    DECIMALS,
    DISTRICTS_PATH,
    GAP_WIDTH_DEG,
    OBLASTS_PATH,
    OUTLINE_PATH,
    SHIPPED_SOURCE,
    TOLERANCE_DEG,
    oblast_code,
)


def _rounded(geom: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))


def _feature(properties: dict, geom: shapely.Geometry) -> str:
    geometry = json.loads(shapely.to_geojson(_rounded(geom)))
    return json.dumps(
        {"type": "Feature", "properties": properties, "geometry": geometry}, ensure_ascii=False, separators=(",", ":")
    )


def _write(path: Path, name: str, features: list[str]) -> None:
    """One feature per line, so that a rebuild shows up in a diff district by district."""
    head = json.dumps({"type": "FeatureCollection", "name": name, "source": SHIPPED_SOURCE}, ensure_ascii=False)[:-1]
    path.write_text(head + ',"features":[\n' + ",\n".join(features) + "\n]}\n", encoding="utf-8")


def build(shapefile: str | Path) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, shapely.Geometry]:
    """The simplified districts, their oblasts and the national outline (EPSG:4326)."""
    districts = simplify_for_map(
        read_boundaries(shapefile), tolerance_deg=TOLERANCE_DEG, decimals=DECIMALS, gap_width_deg=GAP_WIDTH_DEG
    )
    districts = districts.sort_values("kato", ignore_index=True)
    districts["oblast"] = districts["kato"].map(oblast_code)
    oblasts = districts.dissolve(by="oblast", as_index=False)[["oblast", "geometry"]]
    outline = shapely.union_all(np.asarray(districts.geometry.values))
    return districts, oblasts, outline


def main(shapefile: str) -> None:
    with open(HERE / "districts.csv", newline="", encoding="utf-8") as f:
        catalogue = {row["kato"]: row for row in csv.DictReader(f)}
    districts, oblasts, outline = build(shapefile)
    unknown = sorted(set(districts["kato"]) - catalogue.keys())
    if unknown:
        sys.exit(f"codes not in districts.csv: {', '.join(unknown)} — rebuild the catalogue first")
    by_oblast = {oblast_code(k): row for k, row in catalogue.items()}
    DISTRICTS_PATH.parent.mkdir(exist_ok=True)
    _write(
        DISTRICTS_PATH,
        "districts",
        [
            _feature({"kato": k} | {f"name_{lang}": catalogue[k][f"name_{lang}"] for lang in ("kk", "ru", "en")}, g)
            for k, g in zip(districts["kato"], districts.geometry)
        ],
    )
    _write(
        OBLASTS_PATH,
        "oblasts",
        [
            _feature({"kato": k} | {f"name_{lang}": by_oblast[k][f"oblast_{lang}"] for lang in ("kk", "ru", "en")}, g)
            for k, g in zip(oblasts["oblast"], oblasts.geometry)
        ],
    )
    _write(OUTLINE_PATH, "kazakhstan", [_feature({"name_en": "Republic of Kazakhstan"}, outline)])
    for path in (DISTRICTS_PATH, OBLASTS_PATH, OUTLINE_PATH):
        print(f"{path.relative_to(HERE)}: {path.stat().st_size / 1024:.0f} KB")
    print(f"{len(districts)} districts, {len(oblasts)} oblast-level units; tolerance {TOLERANCE_DEG}°")


if __name__ == "__main__":
    main(sys.argv[1])
