"""Set-based reads for analytics and maps: plain columns into a DataFrame, no model per row."""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, select

from tracker.storage.tables import districts, facilities, invataxi_reports, rehab_centers

FACILITY_COLUMNS = [
    "id",
    "external_id",
    "name_kk",
    "name_ru",
    "sector",
    "district_kato",
    "lat",
    "lon",
    "location_precision",
    "program_year",
    "stage",
    "funding_source",
    "planned_completion",
    "actual_completion",
    "budget_planned_tiyn",
    "budget_allocated_tiyn",
    "budget_contracted_tiyn",
    "budget_spent_tiyn",
    "passport",
    "demo",
    "version",
]


@dataclass(frozen=True)
class FacilityFilter:
    district_katos: tuple[str, ...] = ()
    oblast_en: tuple[str, ...] = ()
    program_years: tuple[int, ...] = ()


def facilities_frame(conn: Connection, flt: FacilityFilter = FacilityFilter()) -> pd.DataFrame:
    """Live facilities as a DataFrame; money converted from tiyn to ₸ (float, for charts; NaN is unknown)."""
    cols = [facilities.c[name] for name in FACILITY_COLUMNS]
    query = select(*cols).where(facilities.c.deleted_at.is_(None))
    if flt.district_katos:
        query = query.where(facilities.c.district_kato.in_(flt.district_katos))
    if flt.program_years:
        query = query.where(facilities.c.program_year.in_(flt.program_years))
    if flt.oblast_en:
        query = query.join(districts, districts.c.kato == facilities.c.district_kato).where(
            districts.c.oblast_en.in_(flt.oblast_en)
        )
    frame = pd.DataFrame(conn.execute(query).all(), columns=FACILITY_COLUMNS)
    for kind in ("planned", "allocated", "contracted", "spent"):
        frame[f"budget_{kind}"] = pd.to_numeric(frame.pop(f"budget_{kind}_tiyn"), errors="coerce").astype(float) / 100
    return frame


def districts_frame(conn: Connection) -> pd.DataFrame:
    cols = [
        "kato",
        "name_kk",
        "name_ru",
        "name_en",
        "oblast_kk",
        "oblast_ru",
        "oblast_en",
        "admin_centre",
        "centre_lat",
        "centre_lon",
        "centre_approximate",
        "area_km2",
        "figures",
    ]
    query = select(*[districts.c[c] for c in cols]).where(districts.c.deleted_at.is_(None))
    return pd.DataFrame(conn.execute(query.order_by(districts.c.kato)).all(), columns=cols)


def rehab_frame(conn: Connection) -> pd.DataFrame:
    cols = [
        "id",
        "name",
        "kind",
        "target_groups",
        "places",
        "status",
        "opening_year",
        "district_kato",
        "lat",
        "lon",
        "operator",
        "source",
        "demo",
    ]
    query = select(*[rehab_centers.c[c] for c in cols]).where(rehab_centers.c.deleted_at.is_(None))
    return pd.DataFrame(conn.execute(query).all(), columns=cols)


def invataxi_frame(conn: Connection) -> pd.DataFrame:
    cols = [
        "id",
        "district_kato",
        "month",
        "vehicles",
        "operator",
        "trips",
        "refused",
        "avg_wait_min",
        "source",
        "demo",
    ]
    query = select(*[invataxi_reports.c[c] for c in cols]).where(invataxi_reports.c.deleted_at.is_(None))
    return pd.DataFrame(conn.execute(query.order_by(invataxi_reports.c.month)).all(), columns=cols)
