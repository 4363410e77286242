"""Coverage maps: Invataxi and gap-index choropleths, and rehabilitation reach.

Districts without enough data are not coloured: they are filled with a hatch pattern (an SVG
``<pattern>`` that Leaflet's paths reference as ``url(#coverage-hatch)``) and outlined dashed,
and the legend says "insufficient data".
"""

import math

import folium
import pandas as pd
from branca.element import Element

from tracker.analytics.coverage import region_totals
from tracker.domain.enums import RehabStatus, TargetGroup
from tracker.i18n import display_name, fmt_figure, fmt_int, fmt_number, label, t
from tracker.maps.base import base_map
from tracker.maps.choropleth import choropleth_layer
from tracker.maps.legend import legend_box, swatch
from tracker.maps.offline import make_offline
from tracker.maps.safe import safe_html

HATCH_ID = "coverage-hatch"
HATCH_FILL = f"url(#{HATCH_ID})"
NO_DATA_COLOUR = "#bbbbbb"
#: Vehicles per 1,000 eligible as a share of the districts' overall figure → colour (ColorBrewer RdBu,
#: readable with colour blindness).
TAXI_CLASSES = ((0.5, "#b2182b"), (1.0, "#ef8a62"), (1.5, "#67a9cf"), (math.inf, "#2166ac"))
#: Gap index (0–100) → colour (ColorBrewer OrRd).
GAP_CLASSES = ((20, "#fef0d9"), (40, "#fdcc8a"), (60, "#fc8d59"), (80, "#e34a33"), (math.inf, "#b30000"))
STATUS_COLOURS = {
    RehabStatus.OPERATING: "#009E73",
    RehabStatus.UNDER_CONSTRUCTION: "#E69F00",
    RehabStatus.PLANNED: "#56B4E9",
}
UNDER_SERVED = "#D55E00"
SERVED = "#444444"


def _class_colour(value: float, classes: tuple[tuple[float, str], ...]) -> str:
    return next(colour for upper, colour in classes if value < upper)


def _hatch_defs() -> Element:
    """An SVG pattern of diagonal lines, defined once in the page for the district paths to use."""
    return Element(
        '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
        f'<pattern id="{HATCH_ID}" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="#ffffff" fill-opacity="0.6"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#666666" stroke-width="3"/></pattern></defs></svg>'
    )


def _legend(title: str, rows: list[tuple[str, str]], lang: str, approximate: bool, credit: str, note: str) -> Element:
    notes = (t("coverage.map.approximate", lang),) if approximate else ()
    return legend_box(title, rows, notes, (note, t("maps.credit", lang, source=credit)))


def _names(districts: pd.DataFrame, lang: str) -> dict[str, str]:
    return dict(zip(districts["kato"], display_name(districts, lang)))


def _base_map(tiles: str | None) -> folium.Map:
    fmap = base_map(tiles)
    fmap.get_root().html.add_child(_hatch_defs())
    return fmap


def _fit(fmap: folium.Map, geojson: dict) -> None:
    xs, ys = [], []

    def walk(coords) -> None:
        if coords and isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    if xs:
        fmap.fit_bounds([[min(ys), min(xs)], [max(ys), max(xs)]])


def _choropleth(
    fmap: folium.Map,
    geojson: dict,
    fills: dict[str, tuple[str, str]],
    names: dict[str, str],
    layer: str,
    approximate: bool,
) -> dict:
    """Add the selected districts, each ``kato → (fill, tooltip text)``; returns the GeoJSON drawn."""
    features = []
    for feature in geojson["features"]:
        kato = feature["properties"].get("kato")
        if kato not in fills:
            continue
        fill, text = fills[kato]
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "kato": kato,
                    "name": safe_html(names.get(kato, kato)),
                    "info": safe_html(text),
                    "fill": fill,
                },
            }
        )
    drawn = {"type": "FeatureCollection", "features": features}
    choropleth_layer(drawn, safe_html(layer), approximate, tooltip=("name", "info"), popup=None, opacity=0.85).add_to(
        fmap
    )
    return drawn


def build_invataxi_map(
    coverage: pd.DataFrame,
    districts_geojson: dict,
    districts: pd.DataFrame,
    lang: str,
    approximate: bool,
    credit: str,
    tiles: str | None = "OpenStreetMap",
) -> folium.Map:
    """Districts coloured by Invataxi vehicles per 1,000 eligible people; unknown ones hatched.

    The rules serve the eligible (``tracker.analytics.invataxi_base``), and the seed's comparison
    point is per 1,000 *registered*, so the colours compare each district with the districts
    drawn together: their vehicles ÷ their eligible people × 1,000. Where a district gives no count
    of its own, its eligible people are an estimate, and the tooltip says so.

    Parameters
    ----------
    coverage : DataFrame
        ``tracker.analytics.coverage.invataxi_coverage`` of the districts to draw.
    districts_geojson : dict
        FeatureCollection of district polygons with a ``kato`` property.
    districts : DataFrame
        Districts frame, for the names.
    lang : str
        Language of labels.
    approximate : bool
        Whether the polygons are the approximate areas (said on the legend, outlines dashed).
    credit : str
        Source of the boundaries.
    tiles : str or None
        Basemap; None gives a plain background.
    """
    fmap = _base_map(tiles)
    names = _names(districts, lang)
    fills = {}
    overall = region_totals(coverage)["vehicles_per_1000_eligible"] if len(coverage) else None
    for r in coverage.itertuples(index=False):
        if pd.isna(r.vehicles_per_1000_eligible) or not overall:
            fills[r.kato] = (HATCH_FILL, t("coverage.insufficient", lang))
            continue
        people = fmt_figure(r.eligible, bool(r.eligible_estimate), lang)
        if r.eligible_estimate:
            people = t("coverage.map.taxi_estimated", lang, people=people)
        fills[r.kato] = (
            _class_colour(r.vehicles_per_1000_eligible / overall, TAXI_CLASSES),
            t(
                "coverage.map.taxi_tooltip",
                lang,
                value=fmt_number(r.vehicles_per_1000_eligible, lang, 1),
                vehicles=fmt_int(r.vehicles, lang),
                people=people,
            ),
        )
    _fit(fmap, _choropleth(fmap, districts_geojson, fills, names, t("maps.layer_invataxi", lang), approximate))
    n = fmt_number(overall, lang, 1)
    rows = [
        (swatch(TAXI_CLASSES[0][1]), t("coverage.map.taxi_class_far_below", lang, norm=n)),
        (swatch(TAXI_CLASSES[1][1]), t("coverage.map.taxi_class_below", lang, norm=n)),
        (swatch(TAXI_CLASSES[2][1]), t("coverage.map.taxi_class_at", lang, norm=n)),
        (swatch(TAXI_CLASSES[3][1]), t("coverage.map.taxi_class_above", lang, norm=n)),
        (swatch(HATCH_FILL, dashed=True), t("coverage.insufficient", lang)),
    ]
    demo = bool(coverage["demo"].any()) if len(coverage) else False
    estimated = bool(coverage["eligible_estimate"].astype(bool).any()) if len(coverage) else False
    note = t("coverage.map.taxi_note", lang)
    if estimated:
        note += " " + t("coverage.map.taxi_note_estimate", lang)
    if demo:
        note += " " + t("coverage.demo_short", lang)
    fmap.get_root().html.add_child(_legend(t("coverage.map.taxi_title", lang), rows, lang, approximate, credit, note))
    return make_offline(fmap)


def build_gap_map(
    index: pd.DataFrame,
    districts_geojson: dict,
    districts: pd.DataFrame,
    lang: str,
    approximate: bool,
    credit: str,
    tiles: str | None = "OpenStreetMap",
) -> folium.Map:
    """Districts coloured by gap index; "insufficient data" districts hatched, not coloured.

    Parameters
    ----------
    index : DataFrame
        ``tracker.analytics.gap_index.gap_index``.
    districts_geojson, districts, lang, approximate, credit, tiles
        As for ``build_invataxi_map``.
    """
    fmap = _base_map(tiles)
    names = _names(districts, lang)
    fills = {}
    for r in index.itertuples(index=False):
        if not r.sufficient:
            fills[r.kato] = (
                HATCH_FILL,
                t("coverage.map.gap_insufficient_tooltip", lang, share=fmt_number(r.completeness * 100, lang, 0)),
            )
        else:
            fills[r.kato] = (
                _class_colour(r.index * 100, GAP_CLASSES),
                t(
                    "coverage.map.gap_tooltip",
                    lang,
                    rank=fmt_int(r.rank, lang),
                    value=fmt_number(r.index * 100, lang, 0),
                ),
            )
    _fit(fmap, _choropleth(fmap, districts_geojson, fills, names, t("coverage.map.layer_gap", lang), approximate))
    bounds = (0, 20, 40, 60, 80, 100)
    rows = [(swatch(colour), f"{bounds[i]}–{bounds[i + 1]}") for i, (_, colour) in enumerate(GAP_CLASSES)]
    rows.append((swatch(HATCH_FILL, dashed=True), t("coverage.insufficient", lang)))
    demo = bool(index["demo"].any()) if len(index) else False
    note = t("coverage.map.gap_note", lang) + (" " + t("coverage.demo_short", lang) if demo else "")
    fmap.get_root().html.add_child(_legend(t("coverage.map.gap_title", lang), rows, lang, approximate, credit, note))
    return make_offline(fmap)


def _centre_radius(places: float) -> float:
    """Marker radius in pixels: area grows with places; centres with unknown places get the smallest."""
    return 6.0 if pd.isna(places) or places <= 0 else 6.0 + 1.2 * math.sqrt(places)


def build_reach_map(
    centres: pd.DataFrame,
    reach: pd.DataFrame,
    eligible_ids: set,
    reach_km: float,
    districts_geojson: dict,
    lang: str,
    approximate: bool,
    credit: str,
    tiles: str | None = "OpenStreetMap",
) -> folium.Map:
    """Rehabilitation centres sized by places and coloured by status, reach rings, settlements.

    Parameters
    ----------
    centres : DataFrame
        ``rehab_frame`` rows to show (all statuses).
    reach : DataFrame
        ``tracker.analytics.reach.settlement_reach``: settlements beyond the limit are drawn
        in vermilion and larger, the others small and dark.
    eligible_ids : set
        Ids of the centres that count for the chosen group (they get a ring of ``reach_km``;
        the others are drawn faded).
    reach_km : float
        Radius of the rings.
    districts_geojson : dict
        District polygons to outline (only those with a settlement or centre are drawn).
    lang, approximate, credit, tiles
        As for ``build_invataxi_map``.
    """
    fmap = _base_map(tiles)
    katos = set(reach["district_kato"]) | set(centres["district_kato"])
    outlines = {
        "type": "FeatureCollection",
        "features": [f for f in districts_geojson["features"] if f["properties"].get("kato") in katos],
    }
    folium.GeoJson(
        outlines,
        name=t("maps.layer_districts", lang),
        style_function=lambda _: {
            "color": "#555",
            "weight": 1,
            "fillColor": "#f4f4f4",
            "fillOpacity": 0.3,
            "dashArray": "4" if approximate else None,
        },
    ).add_to(fmap)
    rings = folium.FeatureGroup(name=t("coverage.map.layer_rings", lang, km=fmt_int(reach_km, lang)))
    for c in centres[centres["id"].isin(eligible_ids)].itertuples(index=False):
        folium.Circle(
            (c.lat, c.lon),
            radius=reach_km * 1000,
            color=STATUS_COLOURS[RehabStatus(c.status)],
            weight=1.5,
            fill=True,
            fill_opacity=0.06,
            dash_array=None if c.status == RehabStatus.OPERATING.value else "6 6",
        ).add_to(rings)
    rings.add_to(fmap)
    features = []
    for s in reach.itertuples(index=False):
        name = display_name(s, lang)
        km = (
            t("coverage.map.no_centre", lang)
            if pd.isna(s.km)
            else t("coverage.map.km_to", lang, km=fmt_number(s.km, lang, 0))
        )
        population = (
            "" if pd.isna(s.population) else " · " + t("coverage.map.population", lang, n=fmt_int(s.population, lang))
        )
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
                "properties": {"name": safe_html(name), "info": safe_html(km + population), "beyond": bool(s.beyond)},
            }
        )
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=t("coverage.map.layer_settlements", lang),
        marker=folium.CircleMarker(radius=4, weight=1, fill_opacity=0.95),
        style_function=lambda f: {
            "fillColor": UNDER_SERVED if f["properties"]["beyond"] else SERVED,
            "color": "#000",
            "weight": 1,
            "fill": True,
            "fillOpacity": 0.95,
            "radius": 7 if f["properties"]["beyond"] else 4,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "info"], labels=False),
    ).add_to(fmap)
    centre_features = []
    for c in centres.itertuples(index=False):
        status = RehabStatus(c.status)
        places = (
            t("coverage.map.places_unknown", lang)
            if pd.isna(c.places)
            else t("coverage.map.places", lang, n=fmt_int(c.places, lang))
        )
        groups = ", ".join(label_group(g, lang) for g in (c.target_groups or []))
        centre_features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
                "properties": {
                    "name": safe_html(c.name),
                    "info": safe_html(f"{label(status, lang)} · {places} · {groups}"),
                    "colour": STATUS_COLOURS[status],
                    "radius": _centre_radius(c.places),
                    "eligible": c.id in eligible_ids,
                },
            }
        )
    folium.GeoJson(
        {"type": "FeatureCollection", "features": centre_features},
        name=t("maps.layer_rehab", lang),
        marker=folium.CircleMarker(radius=8, weight=2, fill_opacity=0.9),
        style_function=lambda f: {
            "fillColor": f["properties"]["colour"],
            "color": "#000",
            "weight": 2,
            "fill": True,
            "fillOpacity": 0.9 if f["properties"]["eligible"] else 0.35,
            "radius": f["properties"]["radius"],
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "info"], labels=False),
    ).add_to(fmap)
    points = pd.concat([reach[["lat", "lon"]], centres[["lat", "lon"]]])
    if len(points):
        fmap.fit_bounds([[points.lat.min(), points.lon.min()], [points.lat.max(), points.lon.max()]])
    rows = [(swatch(colour, round_=True), label(status, lang)) for status, colour in STATUS_COLOURS.items()]
    rows += [
        (
            swatch(UNDER_SERVED, border="#000", round_=True),
            t("coverage.map.under_served", lang, km=fmt_int(reach_km, lang)),
        ),
        (swatch(SERVED, border="#000", round_=True), t("coverage.map.served", lang, km=fmt_int(reach_km, lang))),
        (
            swatch("transparent", border="#009E73", round_=True),
            t("coverage.map.ring", lang, km=fmt_int(reach_km, lang)),
        ),
    ]
    demo = bool(centres["demo"].any()) if len(centres) else False
    note = t("coverage.map.reach_note", lang) + (" " + t("coverage.demo_short", lang) if demo else "")
    fmap.get_root().html.add_child(_legend(t("maps.layer_rehab", lang), rows, lang, approximate, credit, note))
    folium.LayerControl(collapsed=True).add_to(fmap)
    return make_offline(fmap)


def label_group(group: str, lang: str) -> str:
    """The name of a target group, or the stored value itself if it is not in the vocabulary."""
    try:
        return label(TargetGroup(group), lang)
    except ValueError:
        return str(group)
