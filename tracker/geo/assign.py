"""Which district a point lies in, and whether that matches the district a user stated."""

from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import shapely

from tracker.geo.distance import KZ_CRS

BORDER_TOLERANCE_M = 500.0


def _containing_rows(lats: np.ndarray, lons: np.ndarray, boundaries: gpd.GeoDataFrame) -> np.ndarray:
    """Row position in ``boundaries`` of the polygon holding each point; -1 for none."""
    rows = np.full(lats.size, -1, dtype=np.intp)
    usable = np.flatnonzero(np.isfinite(lats) & np.isfinite(lons))
    if usable.size == 0 or len(boundaries) == 0:
        return rows
    points = shapely.points(lons[usable], lats[usable])
    # The tree holds the points and the polygons are the queries: shapely then prepares each
    # polygon once, instead of testing 50 000 points against unprepared polygons.
    tree = shapely.STRtree(points)
    polygon_pos, point_pos = tree.query(boundaries.geometry.values, predicate="intersects")
    # A point on a shared border, or in a sliver where the file's polygons overlap, matches
    # twice; the first district in file order wins so the answer is stable.
    if point_pos.size == 0:
        return rows
    order = np.lexsort((polygon_pos, point_pos))
    point_pos, polygon_pos = point_pos[order], polygon_pos[order]
    first = np.r_[True, point_pos[1:] != point_pos[:-1]]
    rows[usable[point_pos[first]]] = polygon_pos[first]
    return rows


def assign_districts(
    lats: Sequence[float] | np.ndarray, lons: Sequence[float] | np.ndarray, boundaries: gpd.GeoDataFrame
) -> list[str | None]:
    """Return the KATO code of the district containing each point.

    Parameters
    ----------
    lats, lons : array-like of float
        Point coordinates in degrees (WGS84).
    boundaries : geopandas.GeoDataFrame
        Columns ``kato`` and ``geometry`` in EPSG:4326, e.g. from ``read_boundaries``.

    Returns
    -------
    list of str or None
        One entry per point: the KATO code, or None when the point lies in no district
        (abroad, in the Caspian, in a gap of the file) or has no valid coordinates. A point
        exactly on a border goes to the first of the touching districts in file order.
    """
    lats_a, lons_a = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    if lats_a.shape != lons_a.shape:
        raise ValueError("lats and lons must have the same length")
    rows = _containing_rows(lats_a.ravel(), lons_a.ravel(), boundaries)
    codes = boundaries["kato"].to_numpy()
    return [None if r < 0 else str(codes[r]) for r in rows]


def _label(kato: str, names: Mapping[str, str] | None) -> str:
    name = names.get(kato) if names else None
    return f"{name} ({kato})" if name else kato


def district_warning(
    lat: float,
    lon: float,
    stated_kato: str,
    boundaries: gpd.GeoDataFrame,
    names: Mapping[str, str] | None = None,
    tolerance_m: float = BORDER_TOLERANCE_M,
) -> str | None:
    """Say whether a point contradicts the district a user stated for it.

    Parameters
    ----------
    lat, lon : float
        The point, degrees.
    stated_kato : str
        KATO code of the district the user chose.
    boundaries : geopandas.GeoDataFrame
        Columns ``kato`` and ``geometry`` in EPSG:4326.
    names : mapping of str to str, optional
        District names by KATO code, used in the message.
    tolerance_m : float, default 500
        Points this close to the stated district (measured in ``KZ_CRS``) are accepted, as
        coordinates taken on a border street often fall just outside.

    Returns
    -------
    str or None
        None when the point lies in (or within the tolerance of) the stated district;
        otherwise a message naming the district that contains the point, or saying that
        none does.
    """
    if not (np.isfinite(lat) and np.isfinite(lon)):
        return f"the point has no valid coordinates (lat={lat}, lon={lon})"
    stated = boundaries.loc[boundaries["kato"] == stated_kato]
    if stated.empty:
        return (
            f"the stated district {_label(stated_kato, names)} has no boundary loaded, "
            "so the coordinates cannot be checked against it"
        )
    row = _containing_rows(np.array([lat], dtype=float), np.array([lon], dtype=float), boundaries)[0]
    actual = None if row < 0 else str(boundaries["kato"].iloc[row])
    if actual == stated_kato:
        return None

    point = gpd.GeoSeries(shapely.points([lon], [lat]), crs="EPSG:4326").to_crs(KZ_CRS)
    distance_m = float(stated.geometry.to_crs(KZ_CRS).distance(point.iloc[0]).min())
    if distance_m <= tolerance_m:
        return None

    where = (
        f"lies in {_label(actual, names)}"
        if actual is not None
        else "lies in no district of Kazakhstan (abroad, in the Caspian or in a gap of the boundary file)"
    )
    return (
        f"the point lat={lat:.5f}, lon={lon:.5f} {where}, not in the stated district "
        f"{_label(stated_kato, names)} (it is {distance_m / 1000:.1f} km outside it); "
        "check the coordinates or the district"
    )
