"""Where demo objects stand: a district's localities, points scattered around them, addresses."""

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.district import District
from tracker.domain.geography import inside_kazakhstan_box
from tracker.demo.names import AVENUES, STREETS, VILLAGE_CENTRES, VILLAGES

#: Points stay within this share of the radius of a disc as large as the district, so that
#: they fall inside the district even when its centre sits off-middle.
SPREAD_FACTOR = 0.35
RURAL_CAP_KM = 25.0
TOWN_CAP_KM = 5.0
CENTRE_CAP_KM = 2.5
VILLAGE_RADIUS_KM = 1.0
DEFAULT_AREA_KM2 = 500.0
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
    return district.kato[2] == "1" or "(city)" in district.oblast_en


def _offset(lat: float, lon: float, r_km: float, angle: float) -> tuple[float, float]:
    dlat = r_km * math.cos(angle) / KM_PER_DEG_LAT
    dlon = r_km * math.sin(angle) / (KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


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

    def pick(self, rng: random.Random) -> Locality:
        return rng.choices(self.localities, weights=[loc.weight for loc in self.localities])[0]


def _centre(district: District) -> tuple[float, float]:
    if district.centre_lat is None or district.centre_lon is None:
        raise ValueError(f"district {district.kato} ({district.name_en}) has no centre point")
    return district.centre_lat, district.centre_lon


def _town_prefix(district: District) -> str:
    if "(city)" in district.oblast_en:
        city = district.oblast_kk.replace(" (қала)", "")
        return f"{city} қ., {district.name_kk} ауданы"
    if is_urban(district):
        return f"{district.admin_centre or district.name_kk} қ."
    if district.admin_centre:
        abbr = "а." if district.admin_centre in VILLAGE_CENTRES else "қ."
        return f"{district.name_kk} ауданы, {district.admin_centre} {abbr}"
    return f"{district.name_kk} ауданы, аудан орталығы"


def district_places(district: District, rng: random.Random) -> DistrictPlaces:
    """The localities of a district: the town alone for a city; the centre and villages otherwise."""
    lat, lon = _centre(district)
    spread = max_spread_km(district)
    prefix = _town_prefix(district)
    centre_name = district.admin_centre or district.name_kk
    if is_urban(district):
        level = "district" if "(city)" in district.oblast_en else "city"
        town = Locality("city", prefix, centre_name, centre_name, lat, lon, min(spread, TOWN_CAP_KM), 1)
        return DistrictPlaces(district, level, (town,))
    reach = min(spread, RURAL_CAP_KM)
    centre = Locality("centre", prefix, centre_name, centre_name, lat, lon, min(reach, CENTRE_CAP_KM), 9)
    village_r = min(VILLAGE_RADIUS_KM, reach * 0.15)
    if reach < 4.0:
        return DistrictPlaces(district, "district", (centre,))
    localities = [centre]
    count = min(len(VILLAGES), 3 + int(math.sqrt(reach)))
    for i, (kk, ru) in enumerate(rng.sample(VILLAGES, count)):
        r = rng.uniform(max(reach * 0.25, CENTRE_CAP_KM + village_r), reach - village_r)
        vlat, vlon = _offset(lat, lon, r, rng.uniform(0, 2 * math.pi))
        localities.append(Locality("village", f"{district.name_kk} ауданы, {kk} а.", kk, ru,
                                   vlat, vlon, village_r, max(1, 4 - i // 2)))
    return DistrictPlaces(district, "district", tuple(localities))


def scatter(rng: random.Random, loc: Locality, centre: tuple[float, float], limit_km: float) -> tuple[float, float]:
    """A point in the locality's disc, rounded to ~0.1 m, within ``limit_km`` of the centre."""
    for _ in range(20):
        lat, lon = _offset(loc.lat, loc.lon, loc.radius_km * math.sqrt(rng.random()),
                           rng.uniform(0, 2 * math.pi))
        lat, lon = round(lat, 6), round(lon, 6)
        if distance_km(lat, lon, *centre) <= limit_km and inside_kazakhstan_box(lat, lon):
            return lat, lon
    return round(loc.lat, 6), round(loc.lon, 6)


def address(rng: random.Random, places: DistrictPlaces, loc: Locality) -> str:
    house = min(int(rng.expovariate(1 / 25)) + 1, 180)
    if loc.kind == "city" and rng.random() < 0.12:
        return f"{loc.address_prefix}, {rng.choice(AVENUES)} даңғ., {house}"
    return f"{loc.address_prefix}, {rng.choice(STREETS)} к-сі, {house}"


def places_for(districts: Sequence[District], rng: random.Random) -> dict[str, DistrictPlaces]:
    return {d.kato: district_places(d, rng) for d in districts}
