"""District areas coloured by a roll-up figure (% of plan done, budget execution, overdue objects)."""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from tracker.geo.boundaries import simplify_for_map
from tracker.i18n import display_name, fmt_int, fmt_mln, fmt_pct, t
from tracker.maps.safe import safe_html

METRICS = ("pct_done", "execution", "overdue")
#: ColorBrewer sequential schemes marked colour-blind safe: more is better (YlGnBu) for shares,
#: more is worse (YlOrRd) for overdue counts.
GOOD_RAMP = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
BAD_RAMP = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA = "#ffffff"
SHARE_EDGES = (0.2, 0.4, 0.6, 0.8)
DISTRICT_PAGE = "/district"


@dataclass(frozen=True)
class Classes:
    """Colour classes of one metric: ``edges`` split values into ``len(colours)`` classes."""

    metric: str
    edges: tuple[float, ...]
    colours: tuple[str, ...]
    labels: tuple[str, ...]

    def colour(self, value: float | None) -> str:
        if value is None or pd.isna(value):
            return NO_DATA
        return self.colours[int(np.searchsorted(self.edges, value, side="right"))]


def map_shapes(boundaries: gpd.GeoDataFrame) -> dict:
    """District polygons as light GeoJSON (``kato`` only), simplified without gaps; cache it."""
    simplified = simplify_for_map(boundaries[["kato", "geometry"]], tolerance_deg=0.005, decimals=4)
    return json.loads(simplified.to_json(drop_id=True))


def classes(metric: str, rollup: pd.DataFrame, lang: str) -> Classes:
    """Fixed 20 % steps for shares; for overdue counts, 0 and four steps from the data."""
    if metric not in METRICS:
        raise ValueError(f"unknown map metric {metric!r}; expected one of {', '.join(METRICS)}")
    if metric != "overdue":
        bounds = (0.0, *SHARE_EDGES)  # the legend's title says "%"
        labels = [f"{round(a * 100)}–{round(b * 100)}" for a, b in zip(bounds, SHARE_EDGES)]
        labels.append(f"≥ {round(SHARE_EDGES[-1] * 100)}")
        return Classes(metric, SHARE_EDGES, GOOD_RAMP, tuple(labels))
    late = rollup["overdue"].to_numpy(dtype=float) if len(rollup) else np.zeros(0)
    positive = late[late > 0]
    steps = sorted({int(np.ceil(q)) for q in np.quantile(positive, [0.25, 0.5, 0.75])} - {0}) if len(positive) else []
    edges = (0.5, *[s + 0.5 for s in steps])
    labels = ["0"]
    low = 1
    for high in steps:
        labels.append(fmt_int(low, lang) if low == high else f"{fmt_int(low, lang)}–{fmt_int(high, lang)}")
        low = high + 1
    labels.append(f"≥ {fmt_int(low, lang)}")
    colours = (BAD_RAMP[0], *BAD_RAMP[len(BAD_RAMP) - len(edges) :])
    return Classes(metric, edges, colours, tuple(labels))


def _district_tip(name: str, oblast: str, row: dict | None, lang: str) -> str:
    lines = [f"<b>{safe_html(name)}</b>", safe_html(oblast)]
    if row is None:
        lines.append(safe_html(t("maps.no_objects", lang)))
        return "<br>".join(lines)
    figures = [
        ("maps.layer_objects", fmt_int(row["objects"], lang)),
        ("maps.tip_done", f"{fmt_int(row['done'], lang)} ({fmt_pct(_value(row['pct_done']), lang)})"),
        ("maps.tip_allocated", fmt_mln(row["budget_allocated"], lang)),
        ("maps.tip_spent", f"{fmt_mln(row['budget_spent'], lang)} ({fmt_pct(_value(row['execution']), lang)})"),
        ("maps.tip_overdue", fmt_int(row["overdue"], lang)),
    ]
    lines += [f"{safe_html(t(key, lang))}: {safe_html(value)}" for key, value in figures]
    return "<br>".join(lines)


def _value(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def district_link(kato: str, lang: str) -> str:
    """The district page's address for ``kato`` (digits only, so safe in an attribute)."""
    return f"{DISTRICT_PAGE}?{urlencode({'kato': ''.join(ch for ch in kato if ch.isdigit()), 'lang': lang})}"


def district_features(
    shapes: dict, districts: pd.DataFrame, rollup: pd.DataFrame, lang: str, metric: str
) -> tuple[dict, Classes]:
    """District polygons with their colour, hover text and district-page link for ``metric``.

    Parameters
    ----------
    shapes : GeoJSON FeatureCollection with a ``kato`` property (see `map_shapes`).
    districts : districts frame (``kato``, ``name_*``, ``oblast_*``).
    rollup : `tracker.analytics.rollup.district_rollup` of the objects shown.
    lang : language of the texts.
    metric : one of `METRICS`.

    Returns
    -------
    (FeatureCollection, Classes)
        Each feature's properties: ``kind`` = "district", ``kato``, ``fill``, ``tip`` (HTML
        built from escaped text) and ``link``; the classes for the legend.
    """
    scheme = classes(metric, rollup, lang)
    names = dict(zip(districts["kato"], display_name(districts, lang)))
    oblasts = dict(zip(districts["kato"], display_name(districts, lang, "oblast")))
    figures = rollup.to_dict("index")
    open_label = safe_html(t("maps.open_district", lang))
    features = []
    for feature in shapes.get("features", []):
        kato = str(feature["properties"]["kato"])
        row = figures.get(kato)
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "kind": "district",
                    "kato": safe_html(kato),
                    "fill": scheme.colour(row[metric]) if row is not None else NO_DATA,
                    "tip": _district_tip(names.get(kato, kato), oblasts.get(kato, ""), row, lang),
                    "link": f'<a href="{district_link(kato, lang)}" target="_blank" rel="noopener">{open_label}</a>',
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}, scheme


def choropleth_layer(
    collection: dict,
    name: str,
    approximate: bool,
    credit: str | None = None,
    tooltip: tuple[str, ...] = ("tip",),
    popup: tuple[str, ...] | None = ("tip", "link"),
    opacity: float = 0.55,
) -> folium.GeoJson:
    """Districts filled by class: the one choropleth of every map.

    Parameters
    ----------
    collection : FeatureCollection whose properties hold ``fill`` (a colour, or ``url(#pattern)``
        for a hatch meaning "no data") and the escaped texts named by ``tooltip`` and ``popup``.
    name : the layer's name in the layer control (escaped text).
    approximate : outlines are dashed when the areas are approximate.
    credit : the boundaries' source, in the map's attribution line.
    tooltip, popup : properties shown on hover and on click (no popup when None).
    opacity : fill opacity of coloured districts (hatched ones are opaque).
    """

    def style(feature: dict) -> dict:
        fill = feature["properties"]["fill"]
        hatched = fill.startswith("url(")
        return {
            "fillColor": fill,
            "color": "#555",
            "weight": 1,
            "fillOpacity": 1 if hatched else opacity,
            "dashArray": "6 4" if hatched else "4 3" if approximate else None,
        }

    return folium.GeoJson(
        collection,
        name=name,
        style_function=style,
        highlight_function=lambda f: {"weight": 3, "color": "#111"},
        tooltip=folium.GeoJsonTooltip(fields=list(tooltip), labels=False, sticky=True),
        popup=folium.GeoJsonPopup(fields=list(popup), labels=False) if popup else None,
        attribution=safe_html(credit) if credit else None,
    )
