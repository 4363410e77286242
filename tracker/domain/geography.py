"""Coordinates: types and the checks that keep points inside Kazakhstan."""

from typing import Annotated

from pydantic import Field

from tracker.domain.errors import RuleViolation

LAT_MIN, LAT_MAX = 40.5, 55.5
LON_MIN, LON_MAX = 46.5, 87.4

Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


def inside_kazakhstan_box(lat: float, lon: float) -> bool:
    return LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX


def check_in_kazakhstan(lat: float, lon: float) -> None:
    """Raise a RuleViolation naming the problem when a point is outside Kazakhstan's box."""
    if inside_kazakhstan_box(lat, lon):
        return
    if inside_kazakhstan_box(lon, lat):
        raise RuleViolation("coordinates.swapped", lat=lat, lon=lon)
    raise RuleViolation("coordinates.outside", lat=lat, lon=lon)
