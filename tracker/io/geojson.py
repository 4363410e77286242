"""GeoJSON exports: the register's points with all their columns, and open data with OSM-style tags.

Property values are data, not HTML: JSON encoding keeps them inert, and any page that shows
them must escape them (our maps do, through ``tracker.maps.safe.safe_html``).
"""

import json
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.domain import Facility
from tracker.domain.enums import DisabilityCategory, Measure, PassportState

#: DOMAIN.md: the wheelchair tag is judged from the passport state for category К.
WHEELCHAIR = {
    PassportState.FULL: "yes",
    PassportState.PARTIAL: "limited",
    PassportState.CONDITIONAL: "limited",
    PassportState.NONE: "no",
}


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def feature_collection(rows: list[dict[str, Any]], metadata: dict[str, Any]) -> bytes:
    """Points from rows holding ``lat``/``lon``; every other key becomes a property."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(row["lon"], 6), round(row["lat"], 6)]},
            "properties": {k: _json_value(v) for k, v in row.items()},
        }
        for row in rows
    ]
    doc = {"type": "FeatureCollection", "metadata": metadata, "features": features}
    return json.dumps(doc, ensure_ascii=False, indent=None, separators=(",", ":")).encode("utf-8")


def shape_collection(rows: list[tuple[dict[str, Any], dict | None]], metadata: dict[str, Any]) -> bytes:
    """Features from (properties, GeoJSON geometry or None) pairs, e.g. districts with their polygons."""
    features = [
        {"type": "Feature", "geometry": geometry, "properties": {k: _json_value(v) for k, v in props.items()}}
        for props, geometry in rows
    ]
    doc = {"type": "FeatureCollection", "metadata": metadata, "features": features}
    return json.dumps(doc, ensure_ascii=False, indent=None, separators=(",", ":")).encode("utf-8")


def osm_tags(f: Facility) -> dict[str, str]:
    """OSM-style tags of an object: ``wheelchair`` from category К, ``toilets:wheelchair`` from the works."""
    tags: dict[str, str] = {}
    name = f.name_kk or f.name_ru
    if name:
        tags["name"] = name
    if f.name_kk:
        tags["name:kk"] = f.name_kk
    if f.name_ru:
        tags["name:ru"] = f.name_ru
    if f.address:
        tags["addr:full"] = f.address
    entry = f.passport.get(DisabilityCategory.WHEELCHAIR)
    if entry is not None and entry.current is not None:
        tags["wheelchair"] = WHEELCHAIR[entry.current]
        if entry.assessed_on:
            tags["check_date:wheelchair"] = entry.assessed_on.isoformat()
    # The passport has no separate toilet zone: an accessible toilet counts once it is built;
    # one planned but not yet built means there is none today; otherwise the tag is left out.
    if Measure.ACCESSIBLE_TOILET in f.measures_done:
        tags["toilets:wheelchair"] = "yes"
    elif Measure.ACCESSIBLE_TOILET in f.measures:
        tags["toilets:wheelchair"] = "no"
    tags["ref:kedergisiz_keleshek"] = f.external_id or str(f.id)
    tags["kedergisiz_keleshek:stage"] = f.stage.value
    tags["kedergisiz_keleshek:sector"] = f.sector.value
    if f.demo:
        tags["demo"] = "yes"
        tags["note"] = "demo data: invented, not a real object"
    return tags


def opendata(facilities: list[Facility], metadata: dict[str, Any]) -> bytes:
    rows = [{"lat": f.lat, "lon": f.lon} | osm_tags(f) for f in facilities]
    collection = json.loads(feature_collection(rows, metadata))
    for feature in collection["features"]:
        feature["properties"].pop("lat")
        feature["properties"].pop("lon")
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
