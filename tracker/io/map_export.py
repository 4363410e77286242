"""A standalone HTML map for download: objects by stage over district outlines, fully offline.

Leaflet is inlined by ``tracker.maps.offline.make_offline``; the basemap tiles are the only
thing fetched from the internet, and without them outlines and objects still show.
"""

from datetime import date

import folium
from branca.element import Element

from tracker.domain import Facility, calendar
from tracker.i18n import fmt_date, label, t
from tracker.maps.base import base_map, outline_layer
from tracker.maps.offline import make_offline
from tracker.maps.palette import STAGE_COLOURS
from tracker.maps.safe import safe_html


def _objects(models: list[Facility], lang: str) -> dict:
    demo = t("io.report.demo_mark", lang)
    features = []
    for f in models:
        name = f.display_name(lang) + (f" [{demo}]" if f.demo else "")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(f.lon, 5), round(f.lat, 5)]},
                "properties": {
                    "name": safe_html(name),
                    "stage": safe_html(label(f.stage, lang)),
                    "colour": STAGE_COLOURS[f.stage],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def standalone_map(
    models: list[Facility], shapes: dict, lang: str, approximate: bool, credit: str, as_of: date | None = None
) -> str:
    """The map as one self-contained HTML document.

    Parameters
    ----------
    models : the objects to show.
    shapes : district polygons as a GeoJSON FeatureCollection.
    lang : language of labels.
    approximate : whether the outlines are the approximation (said on the legend).
    credit : the outlines' source, shown on the map.
    as_of : the day the data stands at, or None for now.
    """
    fmap = base_map("OpenStreetMap")
    outline_layer(shapes, t("io.map.districts", lang), approximate).add_to(fmap)
    if models:
        folium.GeoJson(
            _objects(models, lang),
            name=t("io.map.objects", lang),
            marker=folium.CircleMarker(radius=5, weight=1, fill_opacity=0.9),
            style_function=lambda f: {
                "fillColor": f["properties"]["colour"],
                "color": "#222",
                "weight": 1,
                "fill": True,
                "fillOpacity": 0.9,
            },
            tooltip=folium.GeoJsonTooltip(fields=["name", "stage"], labels=False),
        ).add_to(fmap)
        fmap.fit_bounds(
            [
                [min(f.lat for f in models), min(f.lon for f in models)],
                [max(f.lat for f in models), max(f.lon for f in models)],
            ]
        )
    rows = "".join(
        f'<div><span style="display:inline-block;width:11px;height:11px;border-radius:6px;background:{c};'
        f'border:1px solid #333;margin-right:5px"></span>{safe_html(label(s, lang))}</div>'
        for s, c in STAGE_COLOURS.items()
    )
    notes = [
        t("io.report.as_of", lang, date=fmt_date(as_of or calendar.today())),
        t("io.report.source_boundaries", lang, source=credit),
    ]
    if approximate:
        notes.append(t("io.report.approximate", lang))
    if any(f.demo for f in models):
        notes.append(t("io.report.demo_note", lang))
    note_html = "".join(
        f'<div style="margin-top:3px;color:#444;font-size:11px;max-width:260px">{safe_html(n)}</div>' for n in notes
    )
    fmap.get_root().html.add_child(
        Element(
            '<div style="position:absolute;bottom:24px;left:10px;z-index:1000;background:white;padding:8px 10px;'
            f'border:1px solid #888;border-radius:4px;font:13px sans-serif"><b>{safe_html(t("io.map.legend", lang))}</b>'  # noqa: E501
            f"{rows}{note_html}</div>"
        )
    )
    folium.LayerControl(collapsed=True).add_to(fmap)
    return make_offline(fmap).get_root().render()
