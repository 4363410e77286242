"""Where a person clicked on a folium map (streamlit-folium's returned value): the edit form's point picker."""


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
