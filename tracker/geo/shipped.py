"""The district boundaries shipped in ``geodata/boundaries/`` (simplified geokz 2024, CC BY 4.0).

Built by ``geodata/make_boundaries.py``; see ``geodata/SOURCES.md``. Read from the repository's
``geodata/`` folder, like the district catalogue, so a fresh clone needs nothing else.
"""

from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from tracker.geo.catalog import BOUNDARY_CREDIT

BOUNDARIES_DIR = Path(__file__).resolve().parents[2] / "geodata" / "boundaries"
DISTRICTS_PATH = BOUNDARIES_DIR / "districts.geojson"
OBLASTS_PATH = BOUNDARIES_DIR / "oblasts.geojson"
OUTLINE_PATH = BOUNDARIES_DIR / "kazakhstan.geojson"
SHIPPED_SOURCE = BOUNDARY_CREDIT
# Coverage simplification tolerance (degrees; 0.005° is about 400-550 m across Kazakhstan) and
# coordinate rounding (4 decimals, about 10 m): small enough for a city district, ~0.5 MB in all.
TOLERANCE_DEG = 0.005
DECIMALS = 4
# geokz leaves two tiny gaps between districts (0.07 km² by Shymkent, 0.008 km² by Aktau), so the
# national outline had holes; gaps narrower than 0.001° (~100 m) go to a neighbour.
GAP_WIDTH_DEG = 0.001


def oblast_code(kato: str) -> str:
    """The KATO code of the oblast (or city of republican significance) a district belongs to."""
    return kato[:2] + "0000000"


def _read(path: Path) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path)
    return frame.set_crs("EPSG:4326") if frame.crs is None else frame.to_crs("EPSG:4326")


@cache
def shipped_districts() -> gpd.GeoDataFrame:
    """The 224 shipped district polygons: ``kato``, ``name_kk/ru/en``, ``geometry`` (EPSG:4326)."""
    return _read(DISTRICTS_PATH)


@cache
def shipped_oblasts() -> gpd.GeoDataFrame:
    """The 20 oblast-level outlines: ``kato`` (e.g. 330000000), ``name_kk/ru/en``, ``geometry``."""
    return _read(OBLASTS_PATH)


@cache
def national_outline() -> shapely.Geometry:
    """Kazakhstan's border as one (multi)polygon: the union of the shipped districts."""
    return _read(OUTLINE_PATH).geometry.iloc[0]


def inside_kazakhstan(lats, lons) -> np.ndarray:
    """For each point (degrees), whether it lies inside (or on) Kazakhstan's border."""
    lats_a, lons_a = np.asarray(lats, dtype=float).ravel(), np.asarray(lons, dtype=float).ravel()
    inside = np.zeros(lats_a.size, dtype=bool)
    usable = np.isfinite(lats_a) & np.isfinite(lons_a)
    outline = national_outline()
    shapely.prepare(outline)
    inside[usable] = shapely.intersects(outline, shapely.points(lons_a[usable], lats_a[usable]))
    return inside
