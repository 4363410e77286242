"""District boundaries: reading and checking a file, the offline approximation, map outlines."""

import re
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from tracker.domain.district import District
from tracker.domain.errors import RuleViolation
from tracker.geo.catalog import BOUNDARY_CREDIT
from tracker.geo.distance import KZ_EQUAL_AREA_CRS

GEOKZ_CREDIT = BOUNDARY_CREDIT
WGS84 = "EPSG:4326"
KATO_COLUMNS = ("kato", "kato_code")
PCODE_COLUMNS = ("adm2_pcode", "pcode")
# A disc of radius 1.6·sqrt(area/π) holds 2.56× the district's area: big enough that the
# Voronoi cell, not the disc, usually sets the shape, small enough to stop border cells
# spreading into neighbouring countries.
DISC_FACTOR = 1.6
DEFAULT_RADIUS_KM = 30.0
_KATO_RE = re.compile(r"^\d{9}$")
_PCODE_RE = re.compile(r"^KZ(\d{1,9})$", re.IGNORECASE)
_POLYGONAL = ("Polygon", "MultiPolygon")


def _frame(kato: Iterable[str], geometry) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"kato": pd.Series(list(kato), dtype="str")}, geometry=gpd.GeoSeries(geometry, crs=WGS84).values, crs=WGS84
    )


def _sample(values: Iterable[object], limit: int = 5) -> str:
    values = [str(v) for v in values]
    shown = ", ".join(values[:limit])
    return shown + (f" … and {len(values) - limit} more" if len(values) > limit else "")


def _find_column(columns: Iterable[str], wanted: tuple[str, ...]) -> str | None:
    by_lower = {c.lower(): c for c in columns}
    return next((by_lower[w] for w in wanted if w in by_lower), None)


def _normalise_kato(raw: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(raw):
        numbers = pd.to_numeric(raw, errors="coerce")
        whole = numbers.notna() & (numbers == np.floor(numbers))
        return pd.Series([str(int(n)) if ok else str(n) for n, ok in zip(numbers, whole)], index=raw.index)
    return raw.map(lambda v: "" if pd.isna(v) else str(v).strip())


def _kato_from_pcode(raw: pd.Series) -> pd.Series:
    def one(value: object) -> str:
        match = _PCODE_RE.match("" if pd.isna(value) else str(value).strip())
        # ADM2_PCODE drops KATO's trailing zeros: KZ191000 is 191000000.
        return match.group(1).ljust(9, "0") if match else str(value)

    return raw.map(one)


def _polygonal_part(geom: shapely.Geometry | None) -> shapely.Geometry | None:
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in _POLYGONAL:
        return geom
    # make_valid can turn a polygon into a collection with stray lines or points.
    polygons = [p for p in shapely.get_parts(geom) if p.geom_type in _POLYGONAL]
    if not polygons:
        return None
    parts = [q for p in polygons for q in shapely.get_parts(p)]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _polygons_only(geoms: np.ndarray) -> np.ndarray:
    valid = shapely.make_valid(shapely.force_2d(geoms))
    return np.array([_polygonal_part(g) for g in valid], dtype=object)


def _cleaned_coverage(geoms: np.ndarray, gap_width: float = 0.0) -> np.ndarray:
    """Neighbours made edge-matched and overlap-free (gaps narrower than ``gap_width`` closed)."""
    if not hasattr(shapely, "coverage_clean"):  # Shapely < 2.2: slivers stay
        return geoms
    try:
        return shapely.coverage_clean(geoms, gap_width=gap_width)
    except shapely.errors.GEOSException:
        # Rare topology failures: small slivers are better than no map.
        return geoms


def _to_wgs84(gdf: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    if gdf.crs is None:
        minx, miny, maxx, maxy = gdf.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise RuleViolation("boundaries.no_crs", source=source)
        return gdf.set_crs(WGS84)
    return gdf if gdf.crs.equals(WGS84) else gdf.to_crs(WGS84)


def read_boundaries(path: str | Path) -> gpd.GeoDataFrame:
    """Read district boundaries from a shapefile, GeoJSON, GeoPackage or any file geopandas reads.

    Parameters
    ----------
    path : str or pathlib.Path
        The boundary file (for a shapefile, the ``.shp``).

    Returns
    -------
    geopandas.GeoDataFrame
        Exactly the columns ``kato`` (9-digit string) and ``geometry`` (valid Polygon or
        MultiPolygon, EPSG:4326), one row per district, in file order. Features whose
        geometry holds no polygon are left out; `check_against_catalog` reports them.

    Raises
    ------
    RuleViolation
        When the file cannot be read, has no ``kato``/``kato_code``/``ADM2_PCODE`` column,
        has KATO codes that are not 9 digits or repeat, or holds no polygons.
    """
    source = Path(path).name
    try:
        raw = gpd.read_file(path)
    except Exception as exc:
        raise RuleViolation("boundaries.unreadable", source=source, detail=str(exc)[:300]) from exc
    if not isinstance(raw, gpd.GeoDataFrame) or raw.active_geometry_name is None or len(raw) == 0:
        raise RuleViolation("boundaries.no_features", source=source)

    kato_column = _find_column(raw.columns, KATO_COLUMNS)
    pcode_column = _find_column(raw.columns, PCODE_COLUMNS)
    if kato_column is not None:
        kato = _normalise_kato(raw[kato_column])
    elif pcode_column is not None:
        kato = _kato_from_pcode(raw[pcode_column])
    else:
        found = _sample([c for c in raw.columns if c != "geometry"], limit=10)
        raise RuleViolation("boundaries.no_code_column", source=source, found=found or "–")

    bad = kato[~kato.map(lambda k: bool(_KATO_RE.match(k)))]
    if len(bad):
        raise RuleViolation("boundaries.bad_codes", source=source, count=len(bad), sample=_sample(bad.unique()))
    repeated = kato[kato.duplicated()].unique()
    if len(repeated):
        raise RuleViolation("boundaries.repeated_codes", source=source, sample=_sample(repeated))

    raw = _to_wgs84(raw, source)
    geoms = _polygons_only(raw.geometry.values)
    keep = np.array([g is not None for g in geoms])
    if not keep.any():
        raise RuleViolation("boundaries.no_polygons", source=source)
    return _frame(kato.to_numpy()[keep], geoms[keep])


def check_against_catalog(gdf: gpd.GeoDataFrame, catalog: Iterable[District]) -> list[str]:
    """List, in plain words, how the boundary file's districts differ from the catalogue.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Boundaries as returned by `read_boundaries` (column ``kato``).
    catalog : iterable of District
        The districts the tracker knows.

    Returns
    -------
    list of str
        One warning for codes the catalogue does not know and one for catalogue districts
        with no boundary; empty when both sets agree.
    """
    districts = {d.kato: d for d in catalog}
    in_file = set(gdf["kato"])
    warnings = []
    unknown = sorted(in_file - districts.keys())
    if unknown:
        warnings.append(
            f"{len(unknown)} KATO code(s) in the boundary file are not in the "
            f"district catalogue and will be ignored: {_sample(unknown, 10)}"
        )
    missing = sorted(districts.keys() - in_file)
    if missing:
        named = [f"{k} {districts[k].name_en}" for k in missing]
        warnings.append(
            f"{len(missing)} catalogue district(s) have no boundary in the file "
            f"and cannot be drawn or checked: {_sample(named, 10)}"
        )
    return warnings


def approximate_areas(districts: Iterable[District]) -> gpd.GeoDataFrame:
    """Approximate district shapes from centre points, for use when no real boundaries are loaded.

    Parameters
    ----------
    districts : iterable of District
        Any subset of the catalogue; districts without centre coordinates are left out.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``kato`` and ``geometry`` (EPSG:4326): the Voronoi cell around each centre,
        clipped to a disc of radius ``1.6·sqrt(area_km2/π)`` (30 km when the area is unknown).
        Cells do not overlap and each contains its own centre. These are not boundaries and
        must be labelled as approximate wherever shown.
    """
    placed = [d for d in districts if d.centre_lat is not None and d.centre_lon is not None]
    if not placed:
        return _frame([], [])
    centres = gpd.GeoSeries(
        gpd.points_from_xy([d.centre_lon for d in placed], [d.centre_lat for d in placed]), crs=WGS84
    ).to_crs(KZ_EQUAL_AREA_CRS)
    xy = shapely.get_coordinates(centres.values)
    # Voronoi refuses two identical sites; move repeats 10 m east so each keeps a cell.
    seen: dict[tuple[float, float], int] = {}
    for i, (x, y) in enumerate(xy):
        repeats = seen.get((x, y), 0)
        seen[(x, y)] = repeats + 1
        xy[i, 0] += 10.0 * repeats
    sites = shapely.points(xy)

    radii = np.array(
        [
            DISC_FACTOR * np.sqrt(d.area_km2 / np.pi) * 1000.0 if d.area_km2 else DEFAULT_RADIUS_KM * 1000.0
            for d in placed
        ]
    )
    discs = shapely.buffer(sites, radii, quad_segs=16)
    if len(placed) == 1:
        cells = discs
    else:
        frame = shapely.box(*shapely.total_bounds(discs)).buffer(radii.max())
        voronoi = shapely.voronoi_polygons(shapely.multipoints(sites), extend_to=frame, ordered=True)
        cells = shapely.intersection(np.asarray(shapely.get_parts(voronoi)), discs)
    # Where a disc cuts a shared Voronoi edge, only one neighbour gets that vertex; a straight
    # edge becomes a different line in degrees, so such T-junctions turn into overlaps of up
    # to km² once reprojected. Noding both sides first keeps an exact coverage in degrees.
    if len(placed) > 1:
        cells = _cleaned_coverage(cells)
    geoms = gpd.GeoSeries(cells, crs=KZ_EQUAL_AREA_CRS).to_crs(WGS84).values
    return _frame([d.kato for d in placed], _polygons_only(np.asarray(geoms)))


def with_approximate_areas(real: gpd.GeoDataFrame, districts: Iterable[District]) -> gpd.GeoDataFrame:
    """Real polygons, plus an approximate area for each district that has none.

    Parameters
    ----------
    real : geopandas.GeoDataFrame
        Polygons from a boundary file (``kato``, ``geometry``; EPSG:4326).
    districts : iterable of District
        The districts to draw.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``kato``, ``geometry`` and ``approximate`` (bool): the real polygons of the
        districts given, then `approximate_areas` of the others with the real polygons cut
        out of them, so an approximate area never covers a real district.
    """
    districts = list(districts)
    wanted = {d.kato for d in districts}
    kept = real[real["kato"].isin(wanted)]
    missing = [d for d in districts if d.kato not in set(kept["kato"])]
    areas = approximate_areas(missing)
    if len(areas) and len(kept):
        cut = shapely.difference(np.asarray(areas.geometry.values), shapely.union_all(np.asarray(kept.geometry.values)))
        areas = _frame(areas["kato"], _polygons_only(np.asarray(cut)))
        areas = areas[areas.geometry.notna()]
    frame = pd.concat([kept.assign(approximate=False), areas.assign(approximate=True)], ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84)


def simplify_for_map(
    gdf: gpd.GeoDataFrame, tolerance_deg: float = 0.005, decimals: int = 4, gap_width_deg: float = 0.0
) -> gpd.GeoDataFrame:
    """Simplify district polygons for a web map without opening gaps between neighbours.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Boundaries with ``kato`` and polygonal ``geometry`` (any CRS; converted to EPSG:4326).
    tolerance_deg : float, default 0.005
        Visvalingam–Whyatt tolerance in degrees (about 500 m).
    decimals : int, default 4
        Coordinates are snapped to a grid of ``10**-decimals`` degrees (4 → about 10 m).
    gap_width_deg : float, default 0
        Gaps between neighbours narrower than this (degrees) are given to a neighbour.

    Returns
    -------
    geopandas.GeoDataFrame
        Same rows and columns, valid polygons that still tile the same area.

    Notes
    -----
    The geokz file is not an exact coverage (neighbours overlap by slivers and share edges
    with different vertices), and coverage simplification assumes one; so edges are first
    made identical with ``shapely.coverage_clean`` (Shapely ≥ 2.2, GEOS ≥ 3.14), then
    simplified together with ``GeoSeries.simplify_coverage``.
    """
    if len(gdf) == 0:
        return gdf.copy()
    out = gdf.to_crs(WGS84) if gdf.crs is not None and not gdf.crs.equals(WGS84) else gdf.copy()
    geoms = np.asarray(out.geometry.values)
    if gap_width_deg or not shapely.coverage_is_valid(geoms):
        geoms = _cleaned_coverage(geoms, gap_width_deg)
    simplified = gpd.GeoSeries(geoms, crs=WGS84).simplify_coverage(tolerance_deg)
    # valid_output keeps each polygon valid when vertices snap onto the grid.
    rounded = shapely.set_precision(simplified.values, 10.0**-decimals, mode="valid_output")
    rounded = _polygons_only(np.asarray(rounded))
    out = out.set_geometry(gpd.GeoSeries(rounded, index=out.index, crs=WGS84))
    return out
