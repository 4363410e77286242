"""A small map that shows where one object is: its point in its stage colour, in its district."""

import folium

from tracker.domain.enums import Stage
from tracker.i18n import label, t
from tracker.maps.base import base_map, outline_layer
from tracker.maps.offline import make_offline
from tracker.maps.palette import STAGE_COLOURS
from tracker.maps.safe import safe_html


def build_locator_map(
    lat: float,
    lon: float,
    name: str,
    stage: Stage,
    lang: str,
    district_outline: dict | None = None,
    approximate: bool = False,
    tiles: str | None = "OpenStreetMap",
    zoom: int = 13,
) -> folium.Map:
    """One object as a circle in its stage colour, within its district's outline, self-contained.

    With an outline the map opens on the whole district (the object's place in it is what a
    locator shows, and it stays readable without basemap tiles); without one, at ``zoom``.

    Parameters
    ----------
    lat, lon : the object's point (WGS 84).
    name : the object's name (user text: escaped with ``safe_html``).
    stage : its stage; the circle takes the stage's colour from the progress map's palette.
    lang : language of the tooltip and the outline's label.
    district_outline : GeoJSON (geometry or FeatureCollection) of the district, or None.
    approximate : whether the outline is the approximation (drawn dashed and said so).
    tiles : basemap; None gives a plain background on which the outline and point still show.
    zoom : starting zoom level when there is no outline.

    Returns
    -------
    folium.Map with Leaflet inlined (no CDN), ready for ``st_folium`` or ``_repr_html_``.
    """
    fmap = base_map(tiles, location=(lat, lon), zoom=zoom, attribution_control=True)
    if district_outline is not None:
        outline_label = t("maps.approximate", lang) if approximate else t("maps.layer_districts", lang)
        outline = outline_layer(
            district_outline, outline_label, approximate, weight=2, fill_opacity=0.2, dash="5"
        ).add_to(fmap)
        fmap.fit_bounds(outline.get_bounds())
    text = f"{name} — {label(stage, lang)}"
    folium.CircleMarker(
        location=(lat, lon),
        radius=9,
        color="#222222",
        weight=2,
        fill=True,
        fill_color=STAGE_COLOURS[stage],
        fill_opacity=0.95,
        tooltip=folium.Tooltip(safe_html(text)),
    ).add_to(fmap)
    return make_offline(fmap)
