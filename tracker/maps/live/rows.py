"""Rows of the live map from domain models, for exports of a past day (rebuilt from history)."""

from collections.abc import Sequence

import pandas as pd

from tracker.domain.facility import Facility
from tracker.storage.map_queries import PASSPORT_FIELDS
from tracker.storage.mapping import FACILITY


def rows_from_models(models: Sequence[Facility]) -> pd.DataFrame:
    """The columns of `tracker.storage.map_queries.live_rows` for ``models``."""
    records = []
    for f in models:
        row = FACILITY.to_row(f)
        record = {
            "id": f.id or 0,
            "version": 1,
            "lat": f.lat,
            "lon": f.lon,
            "stage": row["stage"],
            "program_year": row["program_year"],
            "sector": row["sector"],
            "funding_source": row["funding_source"],
            "district_kato": f.district_kato,
            "planned_completion": pd.Timestamp(f.planned_completion) if f.planned_completion else pd.NaT,
            "budget_allocated_tiyn": row["budget_allocated_tiyn"],
            "budget_spent_tiyn": row["budget_spent_tiyn"],
            "demo": f.demo,
        }
        for category, field in PASSPORT_FIELDS:
            entry = (row.get("passport") or {}).get(category) or {}
            value = entry.get(field)
            rank = ["DP", "DCH", "DU", "VND"].index(value) if value in ("DP", "DCH", "DU", "VND") else -1
            record[f"{'rank' if field == 'current' else 'target'}_{category}"] = rank
        records.append(record)
    return pd.DataFrame(records)
