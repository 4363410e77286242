"""The progress map: objects by stage (grouped at low zoom), districts coloured by a roll-up
figure, rehabilitation centres and Invataxi, with a legend and credits. Works offline."""

from dataclasses import dataclass

import folium
import pandas as pd

from tracker.analytics.progress import stage_counts
from tracker.i18n import t
from tracker.maps.base import base_map
from tracker.maps.choropleth import choropleth_layer, district_features
from tracker.maps.extras import invataxi_layer, rehab_layer
from tracker.maps.legend import legend
from tracker.maps.objects_layer import ObjectsLayer, data_element, encode_objects, json_for_html
from tracker.maps.offline import make_offline
from tracker.maps.safe import safe_html

KZ_BOUNDS = ((40.6, 46.5), (55.4, 87.3))


@dataclass(frozen=True)
class MapInputs:
    """Everything the progress map shows; all of it read or computed before the map is built.

    objects : facilities frame of the objects to show (``id, name_kk, name_ru, lat, lon, stage``).
    shapes : district polygons, GeoJSON with a ``kato`` property (`choropleth.map_shapes`).
    districts : districts frame (names, centres, figures).
    rollup : `tracker.analytics.rollup.district_rollup` of ``objects``.
    approximate : whether ``shapes`` are the approximate areas (said on the map).
    credit : the source of ``shapes``, credited on the map.
    rehab : rehabilitation centres (`queries.rehab_frame`), or None for no layer.
    invataxi : `tracker.analytics.rollup.invataxi_by_district`, or None for no layer.
    """

    objects: pd.DataFrame
    shapes: dict
    districts: pd.DataFrame
    rollup: pd.DataFrame
    approximate: bool
    credit: str
    rehab: pd.DataFrame | None = None
    invataxi: pd.DataFrame | None = None


def _bounds(inputs: MapInputs) -> list[list[float]]:
    objects = inputs.objects
    if len(objects):
        return [
            [float(objects.lat.min()), float(objects.lon.min())],
            [float(objects.lat.max()), float(objects.lon.max())],
        ]
    return [list(KZ_BOUNDS[0]), list(KZ_BOUNDS[1])]


def build_progress_map(
    inputs: MapInputs, lang: str, metric: str = "pct_done", tiles: str | None = "OpenStreetMap"
) -> folium.Map:
    """Objects coloured by stage over districts coloured by ``metric``, as one offline map.

    Parameters
    ----------
    inputs : what to show (see `MapInputs`).
    lang : language of every label, legend and tooltip.
    metric : district colouring, one of `tracker.maps.choropleth.METRICS`: ``pct_done``
        (objects done ÷ planned), ``execution`` (spent ÷ allocated) or ``overdue`` (count).
    tiles : basemap; None for none. Without internet the tiles do not load and the districts
        and objects still show on a plain background.

    Returns
    -------
    folium.Map
        Leaflet and the map's own script inlined (no CDN). Objects travel once as compact
        arrays (`objects_layer.encode_objects`); a click on an object reports
        ``{"kind": "object", "id": …}`` and on a district ``{"kind": "district", "kato": …}``
        as the properties of streamlit-folium's ``last_active_drawing``.
    """
    # One canvas for districts and objects: an SVG layer under a canvas would get no clicks.
    # Quarter zoom steps let the country or a region fill the map.
    fmap = base_map(None, prefer_canvas=True, zoom_snap=0.25, zoom_delta=0.5)
    if tiles:
        folium.TileLayer(tiles, name=safe_html(t("maps.basemap", lang)), control=False).add_to(fmap)
    collection, scheme = district_features(inputs.shapes, inputs.districts, inputs.rollup, lang, metric)
    # Leaflet's attribution line stays visible when the legend is folded: the real source, or
    # the short "approximate" warning (the long approximate source is on the legend).
    attribution = t("maps.approximate", lang) if inputs.approximate else inputs.credit
    layer = choropleth_layer(collection, safe_html(t("maps.layer_districts", lang)), inputs.approximate, attribution)
    layer.add_to(fmap)
    if inputs.rehab is not None and len(inputs.rehab):
        rehab_layer(inputs.rehab, lang).add_to(fmap)
    if inputs.invataxi is not None and len(inputs.invataxi):
        invataxi_layer(inputs.invataxi, inputs.districts, lang).add_to(fmap)
    encoded = encode_objects(inputs.objects, lang)
    payload = json_for_html(encoded)
    root = fmap.get_root()
    root.html.add_child(data_element(payload), name="trk-objects-data")
    ObjectsLayer(payload, lang, name=safe_html(t("maps.layer_objects", lang))).add_to(fmap)
    demo = bool(len(inputs.objects) and inputs.objects["demo"].any()) if "demo" in inputs.objects else False
    root.html.add_child(
        legend(
            stage_counts(inputs.objects),
            scheme,
            lang,
            inputs.approximate,
            inputs.credit,
            demo,
            len(encoded["a"]),
        ),
        name="trk-legend",
    )
    fmap.fit_bounds(_bounds(inputs))
    folium.LayerControl(collapsed=False).add_to(fmap)
    return make_offline(fmap, plugins=("objects",))
