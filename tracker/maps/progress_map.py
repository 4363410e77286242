"""The progress map: objects coloured by stage over district outlines."""

import folium
import pandas as pd
from branca.element import Element

from tracker.domain.enums import Stage
from tracker.i18n import label, t
from tracker.maps.offline import make_offline
from tracker.maps.palette import STAGE_COLOURS
from tracker.maps.safe import safe_html

KZ_CENTRE = (48.0, 67.0)


def _objects_geojson(objects: pd.DataFrame, lang: str) -> dict:
    name_column = "name_ru" if lang == "ru" else "name_kk"
    fallback = "name_kk" if lang == "ru" else "name_ru"
    features = []
    for row in objects.itertuples(index=False):
        name = getattr(row, name_column) or getattr(row, fallback) or ""
        stage = Stage(row.stage)
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(row.lon, 5), round(row.lat, 5)]},
            "properties": {"id": int(row.id), "name": safe_html(name), "stage": safe_html(label(stage, lang)),
                           "colour": STAGE_COLOURS[stage]},
        })
    return {"type": "FeatureCollection", "features": features}


def _legend(lang: str, approximate: bool, credit: str) -> Element:
    rows = "".join(
        f'<div><span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
        f'background:{colour};border:1px solid #333;margin-right:6px"></span>{safe_html(label(stage, lang))}</div>'
        for stage, colour in STAGE_COLOURS.items()
    )
    note = f'<div style="margin-top:4px;color:#a00">{safe_html(t("map.approximate_areas", lang))}</div>' if approximate else ""
    return Element(
        '<div style="position:absolute;bottom:24px;left:10px;z-index:1000;background:white;'
        'padding:8px 10px;border:1px solid #888;border-radius:4px;font:13px sans-serif">'
        f'<b>{safe_html(t("map.legend_stage", lang))}</b>{rows}{note}'
        f'<div style="margin-top:4px;color:#555;font-size:11px">{safe_html(t("map.boundaries_credit", lang, source=credit))}</div>'
        "</div>"
    )


def build_progress_map(objects: pd.DataFrame, districts_geojson: dict, lang: str,
                       approximate: bool, credit: str, tiles: str | None = "OpenStreetMap") -> folium.Map:
    """Objects as circle markers coloured by stage, over district outlines.

    Parameters
    ----------
    objects : DataFrame with ``id, name_kk, name_ru, lat, lon, stage``.
    districts_geojson : FeatureCollection of district polygons with a ``kato`` property.
    lang : language of labels.
    approximate : whether the district areas are the approximation (said on the legend).
    credit : the boundaries' source, shown on the map.
    tiles : basemap; None gives a plain background (outlines and objects still show).
    """
    fmap = folium.Map(location=KZ_CENTRE, zoom_start=5, tiles=tiles, control_scale=True,
                      attribution_control=True)
    folium.GeoJson(
        districts_geojson,
        name=t("map.layer_districts", lang),
        style_function=lambda _: {"color": "#444", "weight": 1.2, "fillColor": "#f4f4f4",
                                  "fillOpacity": 0.35, "dashArray": "4" if approximate else None},
        attribution=safe_html(credit),
    ).add_to(fmap)
    if len(objects):
        folium.GeoJson(
            _objects_geojson(objects, lang),
            name=t("map.layer_objects", lang),
            marker=folium.CircleMarker(radius=5, weight=1, fill_opacity=0.9),
            style_function=lambda f: {"fillColor": f["properties"]["colour"], "color": "#222", "weight": 1,
                                      "fill": True, "fillOpacity": 0.9},
            tooltip=folium.GeoJsonTooltip(fields=["name", "stage"], labels=False),
        ).add_to(fmap)
        fmap.fit_bounds([[objects.lat.min(), objects.lon.min()], [objects.lat.max(), objects.lon.max()]])
    fmap.get_root().html.add_child(_legend(lang, approximate, credit))
    folium.LayerControl(collapsed=True).add_to(fmap)
    return make_offline(fmap)
