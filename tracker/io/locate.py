"""A point for an object listed without coordinates: its settlement named in the address, else the district centre.

Settlements are the shipped ``geodata/settlements.csv`` (district centres and GeoNames places);
a name is found in the address (or the object's name) as whole words, longest first, among the
settlements of the row's district only — a village of the same name elsewhere is never used.
"""

import re
from dataclasses import dataclass
from functools import cache

from tracker.domain.district import District
from tracker.domain.enums import LocationPrecision
from tracker.geo.settlements import load_settlements
from tracker.io.districts import name_key

MIN_NAME = 4  # shorter names («Ақ», «Су») would be found inside ordinary words
# Parts of an address that name a street, not a place: «ул. Жибек жолы» is no village Жибек Жолы.
_STREET = re.compile(
    r"^(ул\.?|улица|пр\.?|пр-т|проспект|мкр\.?|микрорайон|пер\.?|переулок|трасса|шоссе|көшесі|к-сі|даңғылы|"
    r"д\.|дом|үй)(?!\w)|(көшесі|к-сі|даңғылы)$"
)


@dataclass(frozen=True)
class Located:
    lat: float
    lon: float
    precision: LocationPrecision
    settlement: str | None = None


@cache
def _settlements() -> dict[str, list[tuple[str, float, float, str]]]:
    """District KATO → (name key, lat, lon, Russian name), longest names first."""
    frame = load_settlements()
    found: dict[str, list[tuple[str, float, float, str]]] = {}
    for row in frame.itertuples(index=False):
        for name in {row.name_kk, row.name_ru, row.name_en}:
            key = name_key(str(name))
            if len(key) >= MIN_NAME:
                found.setdefault(row.district_kato, []).append((key, float(row.lat), float(row.lon), row.name_ru))
    for items in found.values():
        items.sort(key=lambda item: -len(item[0]))
    return found


def locate(district: District, *texts: str | None) -> Located:
    """Where to put an object of ``district`` whose address or name is ``texts``."""
    for text in texts:
        for part in _places(text):
            words = f" {name_key(part)} "
            for key, lat, lon, name in _settlements().get(district.kato, ()):
                if f" {key} " in words:
                    return Located(lat, lon, LocationPrecision.SETTLEMENT, name)
    return Located(district.centre_lat, district.centre_lon, LocationPrecision.DISTRICT)


def _places(text: str | None) -> list[str]:
    """The comma-separated parts of an address that are not a street or a house."""
    if not text:
        return []
    parts = [p.strip() for p in re.split(r"[,;]", text)]
    return [p for p in parts if p and not _STREET.search(p.casefold())]
