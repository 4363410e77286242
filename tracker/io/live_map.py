"""The live map as a file: the packed layer from rows or domain models, and the standalone page."""

from collections.abc import Sequence
from datetime import date

import geopandas as gpd
import pandas as pd

from tracker.domain.enums import PassportState
from tracker.domain.facility import Facility
from tracker.i18n import fmt_date, t
from tracker.maps.choropleth import map_shapes
from tracker.maps.live.options import options
from tracker.maps.live.pack import CATEGORIES, LiveLayer, pack
from tracker.maps.live.standalone import standalone_html

__all__ = ["LiveLayer", "pack", "rows_from_models", "standalone_map_html"]


def _rank(state: PassportState | None) -> int:
    return -1 if state is None else state.rank


def rows_from_models(models: Sequence[Facility]) -> pd.DataFrame:
    """The columns of `tracker.storage.map_queries.live_rows` for ``models`` (a past day's state)."""
    records = []
    for f in models:
        known = f.budget.allocated is not None and f.budget.spent is not None
        record = {
            "id": f.id or 0,
            "version": 1,
            "lat": f.lat,
            "lon": f.lon,
            "stage": f.stage.value,
            "program_year": f.first_year,
            "sector": f.sector.value,
            "funding_source": f.budget.funding_source.value,
            "district_kato": f.district_kato,
            "planned_completion": pd.Timestamp(f.planned_completion) if f.planned_completion else pd.NaT,
            # as `live_rows` reads them: an object missing either amount sends 0 for both
            "budget_allocated_tiyn": int(f.budget.allocated * 100) if known else 0,
            "budget_spent_tiyn": int(f.budget.spent * 100) if known else 0,
            "demo": f.demo,
        }
        for category in CATEGORIES:
            entry = f.passport.get(category)
            record[f"rank_{category}"] = _rank(entry.current if entry else None)
            record[f"target_{category}"] = _rank(entry.target if entry else None)
        records.append(record)
    return pd.DataFrame(records)


def standalone_map_html(
    rows: pd.DataFrame,
    districts: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    lang: str,
    credit: str,
    approximate: bool,
    day: date,
    only_district: str | None = None,
) -> str:
    """The live map of ``rows`` as one offline HTML page (see `tracker.maps.live.standalone`)."""
    shapes = map_shapes(boundaries)
    if only_district:
        shapes["features"] = [f for f in shapes["features"] if f["properties"].get("kato") == only_district]
    layer = pack(rows, sorted(districts["kato"]), day)
    opts = options(districts, lang, credit, approximate, None, {})
    return standalone_html(layer, opts, shapes, t("livemap.export_title", lang, day=fmt_date(day)), lang)
