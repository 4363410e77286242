"""The one base of every map: Kazakhstan's centre, the basemap, a kilometre scale, the outline style."""

import folium

from tracker.maps.safe import safe_html
from tracker.maps.scale import add_metric_scale

#: Kazakhstan's middle and a zoom that shows the whole country.
KZ_CENTRE = (48.0, 67.0)
KZ_ZOOM = 5


def base_map(
    tiles: str | None = None, location: tuple[float, float] = KZ_CENTRE, zoom: int = KZ_ZOOM, **options
) -> folium.Map:
    """An empty map with a kilometre scale bar (no miles); ``tiles=None`` is a plain background.

    ``options`` go to ``folium.Map`` (e.g. ``prefer_canvas``).
    """
    fmap = folium.Map(location=location, zoom_start=zoom, tiles=tiles, control_scale=False, **options)
    return add_metric_scale(fmap)


def outline_style(approximate: bool, weight: float = 1.2, fill_opacity: float = 0.35, dash: str = "4") -> dict:
    """District outlines under the data: grey, lightly filled, dashed when the areas are approximate."""
    return {
        "color": "#444",
        "weight": weight,
        "fillColor": "#f4f4f4",
        "fillOpacity": fill_opacity,
        "dashArray": dash if approximate else None,
    }


def outline_layer(shapes: dict, name: str, approximate: bool, credit: str | None = None, **style) -> folium.GeoJson:
    """The districts as plain outlines, credited to their source in the map's attribution line."""
    look = outline_style(approximate, **style)
    return folium.GeoJson(
        shapes,
        name=safe_html(name),
        style_function=lambda _: look,
        attribution=safe_html(credit) if credit else None,
    )
