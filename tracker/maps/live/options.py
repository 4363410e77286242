"""What the live map's script needs besides the data: labels, districts, colours, the view.

Every text is plain (the script sets it with ``textContent``); the view travels in the page
address as readable names (``?stage=accepted,completed&oblast=Zhetysu Region&overdue=1``) and
in the script as indexes.
"""

from collections.abc import Mapping

import pandas as pd

from tracker.domain.enums import DisabilityCategory, FundingSource, Sector, Stage
from tracker.i18n import NBSP, label, t
from tracker.maps.choropleth import METRICS
from tracker.maps.live.pack import CATEGORIES, FUNDING, SECTORS, STAGES, YEAR_BASE
from tracker.maps.palette import STAGE_COLOURS
from tracker.maps.safe import safe_html

YEARS = tuple(range(2021, 2030))
#: Query parameters of the view, in the order they are written.
VIEW_KEYS = ("stage", "oblast", "year", "sector", "funding", "category", "overdue", "metric", "rehab", "invataxi")


def districts_and_oblasts(districts: pd.DataFrame, lang: str) -> tuple[list[dict], list[str], list[str]]:
    """Districts in kato order with their oblast's index; oblast names; oblast keys (English)."""
    ordered = districts.sort_values("kato")
    oblast_keys = sorted(ordered["oblast_en"].unique())
    names = dict(zip(ordered["oblast_en"], ordered[f"oblast_{lang}"]))
    index = {o: i for i, o in enumerate(oblast_keys)}
    rows = [
        {"kato": k, "name": str(n), "oblast": index[o]}
        for k, n, o in zip(ordered["kato"], ordered[f"name_{lang}"], ordered["oblast_en"])
    ]
    return rows, [str(names[o]) for o in oblast_keys], oblast_keys


def labels(lang: str) -> dict:
    """Every text the script shows, in ``lang``."""
    return {
        "sep": "," if lang == "en" else NBSP,
        "all": t("maps.all", lang),
        "oblast": t("livemap.oblast", lang),
        "year": t("livemap.year", lang),
        "sector": t("maps.filter_sector", lang),
        "funding": t("maps.filter_funding", lang),
        "category": t("maps.filter_category", lang),
        "anyCategory": t("maps.any_category", lang),
        "metric": t("maps.metric", lang),
        "overdue": t("maps.filter_overdue", lang),
        "legend": t("maps.legend_title", lang),
        "filters": t("livemap.filters", lang),
        "metricTitles": {m: t(f"maps.metric_{m}", lang) for m in METRICS},
        "shown": t("livemap.shown", lang),
        "rankTitle": t("livemap.rank_title", lang),
        "colDistrict": t("livemap.col_district", lang),
        "colObjects": t("livemap.col_objects", lang),
        "colPct": t("livemap.col_pct", lang),
        "colExecution": t("livemap.col_execution", lang),
        "colOverdue": t("livemap.col_overdue", lang),
        "more": t("livemap.more", lang),
        "fewer": t("livemap.fewer", lang),
        "close": t("livemap.close", lang),
        "yes": t("livemap.yes", lang),
        "no": t("livemap.no", lang),
        "approximate": t("maps.approximate", lang),
        "approximateLocation": t("livemap.approximate_location", lang),
        "demo": t("livemap.demo", lang),
        "layerRehab": t("maps.layer_rehab", lang),
        "layerInvataxi": t("maps.layer_invataxi", lang),
    }


#: Basemaps named as folium names them; any other value is taken as a URL template.
TILES = {
    "openstreetmap": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "© OpenStreetMap contributors",
    }
}


def tiles_option(tiles: str | None) -> dict | None:
    """Leaflet's tile URL and credit for a basemap setting (None: no basemap)."""
    if not tiles:
        return None
    known = TILES.get(tiles.strip().casefold())
    return known or {"url": tiles, "attribution": ""}


def options(
    districts: pd.DataFrame,
    lang: str,
    credit: str,
    approximate: bool,
    tiles: str | None,
    view: dict,
    rehab: list[dict] | None = None,
    invataxi: list[dict] | None = None,
) -> dict:
    """The script's options (see ``assets/livemap.js``): texts, districts, vocabularies, the view,
    and the places layers (`tracker.maps.live.places`: rehabilitation centres, Invataxi)."""
    rows, oblast_names, _ = districts_and_oblasts(districts, lang)
    return {
        "lang": lang,
        "labels": labels(lang),
        "districts": rows,
        "oblasts": oblast_names,
        "stageLabels": [label(Stage(s), lang) for s in STAGES],
        "colours": [STAGE_COLOURS[Stage(s)] for s in STAGES],
        "sectors": [label(Sector(s), lang) for s in SECTORS],
        "funding": [label(FundingSource(s), lang) for s in FUNDING],
        "categories": [label(DisabilityCategory(c), lang) for c in CATEGORIES],
        "metrics": [[m, t(f"maps.metric_{m}", lang)] for m in METRICS],
        "years": list(YEARS),
        "yearBase": YEAR_BASE,
        "credit": safe_html(credit),
        "approximate": approximate,
        "tiles": tiles_option(tiles),
        "state": view,
        "rehab": rehab or [],
        "invataxi": invataxi or [],
    }


def _index(vocabulary: tuple[str, ...], value: str | None) -> int:
    return vocabulary.index(value) if value in vocabulary else -1


def view_from_query(query: Mapping[str, str], oblast_keys: list[str]) -> dict:
    """The script's view from the page's query parameters; unknown values are ignored."""
    stages = [STAGES.index(s) for s in str(query.get("stage", "")).split(",") if s in STAGES]
    year = str(query.get("year", ""))
    metric = query.get("metric")
    return {
        "stages": sorted(set(stages)),
        "oblast": oblast_keys.index(query["oblast"]) if query.get("oblast") in oblast_keys else -1,
        "year": int(year) - YEAR_BASE if year.isdigit() and int(year) in YEARS else -1,
        "sector": _index(SECTORS, query.get("sector")),
        "funding": _index(FUNDING, query.get("funding")),
        "category": _index(CATEGORIES, query.get("category")),
        "overdue": query.get("overdue") in ("1", "true"),
        "metric": metric if metric in METRICS else "pct_done",
        "rehab": query.get("rehab") in ("1", "true"),
        "invataxi": query.get("invataxi") in ("1", "true"),
    }


def query_from_view(view: Mapping, oblast_keys: list[str]) -> dict[str, str]:
    """Query parameters for the script's view: only what differs from the default view."""

    def pick(vocabulary, i) -> str | None:
        return vocabulary[i] if isinstance(i, int) and 0 <= i < len(vocabulary) else None

    stages = [STAGES[i] for i in view.get("stages") or [] if isinstance(i, int) and 0 <= i < len(STAGES)]
    year = view.get("year", -1)
    out = {
        "stage": ",".join(s for s in STAGES if s in stages) or None,
        "oblast": pick(oblast_keys, view.get("oblast", -1)),
        "year": str(year + YEAR_BASE) if isinstance(year, int) and year + YEAR_BASE in YEARS else None,
        "sector": pick(SECTORS, view.get("sector", -1)),
        "funding": pick(FUNDING, view.get("funding", -1)),
        "category": pick(CATEGORIES, view.get("category", -1)),
        "overdue": "1" if view.get("overdue") else None,
        "metric": view.get("metric") if view.get("metric") in METRICS and view.get("metric") != "pct_done" else None,
        "rehab": "1" if view.get("rehab") else None,
        "invataxi": "1" if view.get("invataxi") else None,
    }
    return {k: v for k, v in out.items() if v is not None}
