"""The claimed-vs-verified map: objects reported done, and those a visit found short."""

import folium
import pandas as pd
from branca.element import Element

from tracker.domain.enums import DisabilityCategory, PassportState, Stage
from tracker.i18n import display_name, fmt_date, label, t
from tracker.maps.base import base_map, outline_layer
from tracker.maps.legend import legend_box, swatch
from tracker.maps.offline import make_offline
from tracker.maps.palette import STAGE_COLOURS
from tracker.maps.safe import safe_html

DISCREPANCY_COLOUR = "#D55E00"  # Okabe–Ito vermillion: apart from every stage colour


def gap_text(gap_list: list[dict], lang: str) -> str:
    """``К: ВНД (мақсат ДП)`` style text for the gaps of one object."""
    parts = []
    for gap in gap_list or []:
        category = DisabilityCategory(gap["category"])
        parts.append(
            t(
                "discrepancy.gap",
                lang,
                category=category.code,
                found=PassportState(gap["found"]).code,
                target=PassportState(gap["target"]).code,
            )
        )
    return "; ".join(parts)


def _features(frame: pd.DataFrame, lang: str, with_gaps: bool) -> dict:
    features = []
    for row in frame.itertuples(index=False):
        stage = Stage(row.stage)
        props = {
            "id": int(row.id),
            "name": safe_html(display_name(row, lang)),
            "stage": safe_html(label(stage, lang)),
            "colour": STAGE_COLOURS[stage],
        }
        if with_gaps:
            props |= {
                "gaps": safe_html(gap_text(row.gaps, lang)),
                "visit": safe_html(
                    t("discrepancy.visit_by", lang, date=fmt_date(row.visited_on), organisation=row.organisation or "")
                ),
            }
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": [round(float(row.lon), 5), round(float(row.lat), 5)]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def discrepancy_layer(frame: pd.DataFrame, lang: str) -> folium.FeatureGroup:
    """Objects reported done that a visit found below target, as a layer for any map.

    Parameters
    ----------
    frame : rows of ``tracker.analytics.discrepancies.discrepancies`` (``id, name_kk, name_ru,
        lat, lon, stage, gaps, visited_on, organisation``).
    lang : language of the labels.

    Returns
    -------
    folium.FeatureGroup with one large vermillion circle per object, its tooltip naming the
    object, its official stage and the categories found short (all text escaped).
    """
    group = folium.FeatureGroup(name=t("discrepancy.layer", lang), show=True)
    if len(frame):
        folium.GeoJson(
            _features(frame, lang, with_gaps=True),
            marker=folium.CircleMarker(radius=9, weight=3, fill_opacity=0.85),
            style_function=lambda _: {
                "fillColor": DISCREPANCY_COLOUR,
                "color": "#000000",
                "weight": 3,
                "fill": True,
                "fillOpacity": 0.85,
            },
            tooltip=folium.GeoJsonTooltip(fields=["name", "stage", "gaps", "visit"], labels=False),
            popup=folium.GeoJsonPopup(fields=["name", "stage", "gaps", "visit"], labels=False),
        ).add_to(group)
    return group


def claimed_layer(frame: pd.DataFrame, lang: str) -> folium.FeatureGroup:
    """Objects reported completed or accepted, coloured by their official stage."""
    group = folium.FeatureGroup(name=t("discrepancy.layer_claimed", lang), show=True)
    if len(frame):
        folium.GeoJson(
            _features(frame, lang, with_gaps=False),
            marker=folium.CircleMarker(radius=5, weight=1, fill_opacity=0.9),
            style_function=lambda f: {
                "fillColor": f["properties"]["colour"],
                "color": "#222222",
                "weight": 1,
                "fill": True,
                "fillOpacity": 0.9,
            },
            tooltip=folium.GeoJsonTooltip(fields=["name", "stage"], labels=False),
        ).add_to(group)
    return group


def _legend(lang: str) -> Element:
    rows = [
        (STAGE_COLOURS[Stage.COMPLETED], label(Stage.COMPLETED, lang)),
        (STAGE_COLOURS[Stage.ACCEPTED], label(Stage.ACCEPTED, lang)),
        (DISCREPANCY_COLOUR, t("discrepancy.layer", lang)),
    ]
    return legend_box(
        t("discrepancy.legend", lang), [(swatch(c, border="#000", round_=True), text) for c, text in rows]
    )


def build_discrepancy_map(
    claimed: pd.DataFrame,
    found: pd.DataFrame,
    districts_geojson: dict,
    lang: str,
    approximate: bool,
    credit: str,
    tiles: str | None = "OpenStreetMap",
) -> folium.Map:
    """District outlines, the claimed-done objects, and the discrepancies on top.

    Parameters
    ----------
    claimed : objects reported completed/accepted (``id, name_kk, name_ru, lat, lon, stage``).
    found : the discrepancies among them (see ``discrepancy_layer``).
    districts_geojson : FeatureCollection of district polygons.
    lang : language of labels.
    approximate : whether the district areas are approximate (drawn dashed).
    credit : the boundaries' source, in the map's attribution.
    tiles : basemap; None gives a plain background.
    """
    fmap = base_map(tiles)
    outline_layer(districts_geojson, t("maps.layer_districts", lang), approximate, credit).add_to(fmap)
    claimed_layer(claimed, lang).add_to(fmap)
    discrepancy_layer(found, lang).add_to(fmap)
    points = found if len(found) else claimed
    if len(points):
        fmap.fit_bounds([[points.lat.min(), points.lon.min()], [points.lat.max(), points.lon.max()]], max_zoom=12)
    fmap.get_root().html.add_child(_legend(lang))
    folium.LayerControl(collapsed=True).add_to(fmap)
    return make_offline(fmap)
