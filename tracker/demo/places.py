"""Where demo objects stand: a district's localities, points scattered around them, addresses."""

import math
import random
from dataclasses import dataclass

from tracker.demo.names import AVENUES, STREETS, VILLAGE_CENTRES, VILLAGES
from tracker.demo.reach_data import REACH, SECTORS
from tracker.domain.district import District
from tracker.domain.geography import inside_kazakhstan_box

#: Points stay within this share of the radius of a disc as large as the district; the
#: direction table in ``reach_data`` then trims that disc to the district's real outline.
SPREAD_FACTOR = 0.35
RURAL_CAP_KM = 25.0
TOWN_CAP_KM = 5.0
CENTRE_CAP_KM = 2.5
VILLAGE_RADIUS_KM = 1.0
DEFAULT_AREA_KM2 = 500.0
SAFETY = 0.01  # keeps points a hair inside the spread, whatever the distance formula
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQUATOR = 111.320


def max_spread_km(district: District) -> float:
    """The furthest a demo point may lie from the district's centre: 0.35·sqrt(area/π)."""
    area = district.area_km2 if district.area_km2 else DEFAULT_AREA_KM2
    return SPREAD_FACTOR * math.sqrt(area / math.pi)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def is_urban(district: District) -> bool:
    """Cities of oblast significance (KATO xx1…) and the districts of the three big cities."""
    return district.kato[2] == "1" or district.in_republican_city


def from_polar(lat: float, lon: float, r_km: float, bearing: float) -> tuple[float, float]:
    """The point ``r_km`` from (lat, lon) towards ``bearing`` (radians clockwise from north).

    A local flat approximation: good to well under 1 % within the 25 km demo points spread.
    """
    dlat = r_km * math.cos(bearing) / KM_PER_DEG_LAT
    dlon = r_km * math.sin(bearing) / (KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def to_polar(lat0: float, lon0: float, lat: float, lon: float) -> tuple[float, float]:
    """(distance km, bearing radians in [0, 2π)) of a point from (lat0, lon0); inverse of ``from_polar``."""
    north = (lat - lat0) * KM_PER_DEG_LAT
    east = (lon - lon0) * KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat0))
    return math.hypot(north, east), math.atan2(east, north) % (2 * math.pi)


@dataclass(frozen=True)
class Reach:
    """How far from a district's centre demo points may go: the spread disc, cut by the outline.

    ``sectors`` (km per 15° sector, clockwise from north) comes from ``reach_data``; without it,
    or when the catalogue's centre has moved since that table was built, only the disc applies.
    """

    lat: float
    lon: float
    cap_km: float
    sectors: tuple[float, ...] = ()

    def limit(self, bearing: float) -> float:
        if not self.sectors:
            return self.cap_km
        n = len(self.sectors)
        return min(self.cap_km, self.sectors[int(bearing / (2 * math.pi) * n) % n])

    def clip(self, rng: random.Random, lat: float, lon: float) -> tuple[float, float]:
        """The point itself when allowed, else a point on the same bearing well inside."""
        r, bearing = to_polar(self.lat, self.lon, lat, lon)
        limit = self.limit(bearing)
        if r <= limit:
            return lat, lon
        return from_polar(self.lat, self.lon, limit * rng.uniform(0.6, 0.97), bearing)


def reach_of(district: District) -> Reach:
    lat, lon = _centre(district)
    cap = min(max_spread_km(district), RURAL_CAP_KM) * (1 - SAFETY)
    entry = REACH.get(district.kato)
    if entry is None or abs(entry[0] - lat) > 1e-6 or abs(entry[1] - lon) > 1e-6:
        return Reach(lat, lon, cap)
    return Reach(lat, lon, cap, tuple(v / 10 for v in entry[2]))


@dataclass(frozen=True)
class Locality:
    """A town or village of a district: the name written in addresses and a disc to scatter in."""

    kind: str  # "city", "centre" or "village"
    address_prefix: str
    village_kk: str
    village_ru: str
    lat: float
    lon: float
    radius_km: float
    weight: int


@dataclass(frozen=True)
class DistrictPlaces:
    district: District
    level: str  # "city" or "district": which of Аудандық / Қалалық names use
    localities: tuple[Locality, ...]
    reach: Reach


def _centre(district: District) -> tuple[float, float]:
    if district.centre_lat is None or district.centre_lon is None:
        raise ValueError(f"district {district.kato} ({district.name_en}) has no centre point")
    return district.centre_lat, district.centre_lon


def _town_prefix(district: District) -> str:
    if district.in_republican_city:
        city = district.oblast_kk.removesuffix(" қаласы")
        return f"{city} қ., {district.name_kk} ауданы"
    if is_urban(district):
        return f"{district.admin_centre or district.name_kk} қ."
    if district.admin_centre:
        abbr = "а." if district.admin_centre in VILLAGE_CENTRES else "қ."
        return f"{district.name_kk} ауданы, {district.admin_centre} {abbr}"
    return f"{district.name_kk} ауданы, аудан орталығы"


def _villages(rng: random.Random, district: District, reach: Reach, first_km: float) -> list[Locality]:
    """A few villages, each placed only in a direction where the district reaches far enough."""
    village_r = min(VILLAGE_RADIUS_KM, reach.cap_km * 0.15)
    step = 2 * math.pi / SECTORS
    open_sectors = [k for k in range(SECTORS) if reach.limit((k + 0.5) * step) >= first_km + 2 * village_r]
    if reach.cap_km < 4.0 or not open_sectors:
        return []
    out = []
    count = min(len(VILLAGES), 3 + int(math.sqrt(reach.cap_km)))
    for i, (kk, ru) in enumerate(rng.sample(VILLAGES, count)):
        k = rng.choice(open_sectors)
        far = reach.limit((k + 0.5) * step) - village_r
        r = rng.uniform(max(first_km, far * 0.25), far)
        vlat, vlon = from_polar(reach.lat, reach.lon, r, rng.uniform(k * step, (k + 1) * step))
        out.append(
            Locality(
                "village", f"{district.name_kk} ауданы, {kk} а.", kk, ru, vlat, vlon, village_r, max(1, 4 - i // 2)
            )
        )
    return out


def district_places(district: District, rng: random.Random) -> DistrictPlaces:
    """The localities of a district: the town alone for a city; the centre and villages otherwise."""
    reach = reach_of(district)
    prefix = _town_prefix(district)
    centre_name = district.admin_centre or district.name_kk
    if is_urban(district):
        level = "district" if district.in_republican_city else "city"
        town = Locality(
            "city", prefix, centre_name, centre_name, reach.lat, reach.lon, min(reach.cap_km, TOWN_CAP_KM), 1
        )
        return DistrictPlaces(district, level, (town,), reach)
    centre_r = min(reach.cap_km, CENTRE_CAP_KM)
    centre = Locality("centre", prefix, centre_name, centre_name, reach.lat, reach.lon, centre_r, 9)
    villages = _villages(rng, district, reach, centre_r + VILLAGE_RADIUS_KM)
    return DistrictPlaces(district, "district", (centre, *villages), reach)


def scatter(rng: random.Random, places: DistrictPlaces, loc: Locality) -> tuple[float, float]:
    """A point in the locality's disc, kept within the district's reach, rounded to ~0.1 m."""
    lat, lon = from_polar(loc.lat, loc.lon, loc.radius_km * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi))
    lat, lon = places.reach.clip(rng, lat, lon)
    if not inside_kazakhstan_box(lat, lon):
        lat, lon = places.reach.lat, places.reach.lon
    return round(lat, 6), round(lon, 6)


def address(rng: random.Random, loc: Locality) -> str:
    house = min(int(rng.expovariate(1 / 25)) + 1, 180)
    if loc.kind == "city" and rng.random() < 0.12:
        return f"{loc.address_prefix}, {rng.choice(AVENUES)} даңғ., {house}"
    return f"{loc.address_prefix}, {rng.choice(STREETS)} к-сі, {house}"
