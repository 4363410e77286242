"""What a click on the progress map selected, from streamlit-folium's returned value."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    kind: str  # "object" or "district"
    key: int | str  # the object's id or the district's KATO code


def selection(value: dict | None) -> Selection | None:
    """The object or district of ``value["last_active_drawing"]``, or None (rings, centres, taxis).

    The map's objects carry ``{"kind": "object", "id": …}`` and its districts
    ``{"kind": "district", "kato": …}`` as GeoJSON properties; anything else is ignored.
    """
    feature = (value or {}).get("last_active_drawing") or {}
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        return None
    if props.get("kind") == "object":
        try:
            return Selection("object", int(props["id"]))
        except (KeyError, TypeError, ValueError):
            return None
    if props.get("kind") == "district":
        kato = str(props.get("kato", ""))
        return Selection("district", kato) if kato.isdigit() and len(kato) == 9 else None
    return None


def clicked_point(value: dict | None, digits: int = 6) -> tuple[float, float] | None:
    """The point a person clicked on a map (streamlit-folium's ``last_clicked``), or None.

    Rounded to ``digits`` decimals (6 is about 10 cm); longitudes are wrapped back into
    -180…180 (Leaflet reports 436.9 for a click one world to the east).
    """
    clicked = (value or {}).get("last_clicked")
    if not isinstance(clicked, dict):
        return None
    try:
        lat, lon = float(clicked["lat"]), float(clicked["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (lat == lat and lon == lon) or abs(lat) > 90 or abs(lon) == float("inf"):
        return None
    lon = (lon + 180) % 360 - 180
    return round(lat, digits), round(lon, digits)
