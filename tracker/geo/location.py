"""Where an object may stand: inside Kazakhstan's real border and inside the district it names.

The bounding box of ``tracker.domain.geography`` is only the first, cheap test: it also holds
Bishkek and Tashkent. The border is the shipped national outline (geokz, CC BY 4.0).
"""

import geopandas as gpd

from tracker.domain.errors import RuleViolation
from tracker.domain.geography import check_in_kazakhstan
from tracker.geo.assign import assign_districts, district_warning
from tracker.geo.shipped import inside_kazakhstan


def check_location(lat: float, lon: float) -> None:
    """Raise ``coordinates.outside`` (or ``.swapped``) for a point outside Kazakhstan's border."""
    check_in_kazakhstan(lat, lon)
    if inside_kazakhstan([lat], [lon])[0]:
        return
    if inside_kazakhstan([lon], [lat])[0]:
        raise RuleViolation("coordinates.swapped", lat=lat, lon=lon)
    raise RuleViolation("coordinates.outside", lat=lat, lon=lon)


def check_in_district(lat: float, lon: float, stated: str, boundaries: gpd.GeoDataFrame | None) -> None:
    """Raise ``coordinates.other_district`` when the point lies away from the district it names.

    Points within ``district_warning``'s tolerance of the stated district (a border street) pass;
    without real boundaries (``None``) there is nothing to compare with.
    """
    if boundaries is None or not district_warning(lat, lon, stated, boundaries):
        return
    actual = assign_districts([lat], [lon], boundaries)[0]
    if actual is None:
        raise RuleViolation("coordinates.no_district", lat=lat, lon=lon)
    raise RuleViolation("coordinates.other_district", lat=lat, lon=lon, stated=stated, actual=actual)
