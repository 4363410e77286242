"""The objects nearest to where a person stands: geodesic kilometres, nearest first."""

import math
from collections.abc import Sequence

import numpy as np
import pyproj

_GEOD = pyproj.Geod(ellps="WGS84")


def nearest_objects(
    lat: float,
    lon: float,
    ids: Sequence[int],
    lats: Sequence[float],
    lons: Sequence[float],
    limit: int = 10,
    within_km: float | None = None,
) -> list[tuple[int, float]]:
    """``(id, km)`` of the ``limit`` objects nearest to (lat, lon), nearest first (ties by id).

    Objects without coordinates are left out, and so are those farther than ``within_km`` when
    given; a position that is not a real latitude/longitude gives an empty list.
    """
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return []
    ids_a = np.asarray(ids)
    lat_a, lon_a = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    if not (ids_a.shape == lat_a.shape == lon_a.shape):
        raise ValueError("ids, latitudes and longitudes must have the same length")
    ok = np.isfinite(lat_a) & np.isfinite(lon_a)
    if not ok.any() or limit <= 0:
        return []
    ids_a, lat_a, lon_a = ids_a[ok], lat_a[ok], lon_a[ok]
    _, _, metres = _GEOD.inv(np.full(lat_a.shape, lon), np.full(lat_a.shape, lat), lon_a, lat_a)
    km = np.asarray(metres, dtype=float) / 1000.0
    order = np.lexsort((ids_a, km))
    found = [(int(ids_a[i]), float(km[i])) for i in order if within_km is None or km[i] <= within_km]
    return found[:limit]
