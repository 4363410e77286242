"""Rehabilitation reach: how far each settlement is from a centre that serves the right people.

Distances are geodesic kilometres to the nearest eligible centre, the nearest one chosen in the
Kazakhstan Lambert projection (``tracker.geo.distance.nearest``). A centre is eligible when it
is operating (or, with ``with_planned``, also under construction or planned) and lists the
target group. The reach limit (``Settings.reach_km``) is a configurable comparison point, not a
standard.
"""

import numpy as np
import pandas as pd

from tracker.analytics.sourced import district_figures, join_sources, year_text
from tracker.domain.enums import RehabStatus, TargetGroup
from tracker.geo.distance import nearest

REACH_KM = 50.0
CENTRES_SOURCE = "register of rehabilitation centres"
SETTLEMENTS_SOURCE = "settlements: district admin centres (catalogue) and GeoNames cities500, CC BY 4.0"
OPEN = (RehabStatus.OPERATING.value,)
OPEN_OR_COMING = (RehabStatus.OPERATING.value, RehabStatus.UNDER_CONSTRUCTION.value, RehabStatus.PLANNED.value)
#: Whose registered number places are divided by, per target group.
DENOMINATOR = {TargetGroup.CHILDREN.value: "disabled_children", TargetGroup.AUTISM.value: "disabled_children"}
REACH_COLUMNS = ["centre_id", "centre_name", "centre_status", "km", "beyond"]
DISTRICT_COLUMNS = [
    "kato",
    "settlements",
    "settlements_beyond",
    "population_listed",
    "population_beyond",
    "admin_km",
    "mean_km",
    "max_km",
    "centres",
    "places",
    "places_unknown",
    "people",
    "places_per_10000",
    "source",
    "year",
    "estimate",
    "demo",
]


def _group_value(group: TargetGroup | str | None) -> str | None:
    return None if group is None else TargetGroup(group).value


def eligible_centres(
    centres: pd.DataFrame, group: TargetGroup | str | None = None, with_planned: bool = False
) -> pd.DataFrame:
    """Centres that count for ``group`` (any group when None): operating, or also coming ones."""
    statuses = OPEN_OR_COMING if with_planned else OPEN
    wanted = _group_value(group)
    serves = [wanted is None or wanted in (groups or []) for groups in centres["target_groups"]]
    return centres[centres["status"].isin(statuses) & np.asarray(serves, dtype=bool)].reset_index(drop=True)


def settlement_reach(
    settlements: pd.DataFrame,
    centres: pd.DataFrame,
    group: TargetGroup | str | None = None,
    with_planned: bool = False,
    reach_km: float = REACH_KM,
) -> pd.DataFrame:
    """The nearest eligible centre of every settlement and the geodesic distance to it.

    Parameters
    ----------
    settlements : DataFrame
        ``tracker.geo.settlements.settlements_for``: ``id, district_kato, lat, lon, population, ...``.
    centres : DataFrame
        ``tracker.storage.queries.rehab_frame``: ``id, name, target_groups, places, status, lat, lon``.
    group : TargetGroup or str or None
        The target group the centre must serve (children, adults, psychoneurological, autism…);
        None: any centre.
    with_planned : bool
        Count centres under construction and planned as if they were open.
    reach_km : float
        A settlement further than this from every eligible centre is ``beyond``.

    Returns
    -------
    DataFrame
        The settlements' columns plus ``centre_id``, ``centre_name``, ``centre_status``, ``km``
        (geodesic, NaN when no centre is eligible) and ``beyond`` (True also when no centre is
        eligible at all).
    """
    out = settlements.reset_index(drop=True).copy()
    eligible = eligible_centres(centres, group, with_planned)
    if eligible.empty or out.empty:
        out["centre_id"], out["centre_name"], out["centre_status"] = None, None, None
        out["km"] = np.nan
        out["beyond"] = True
        return out
    index, km = nearest(out["lat"], out["lon"], eligible["lat"], eligible["lon"])
    found = index >= 0
    pick = np.where(found, index, 0)
    out["centre_id"] = np.where(found, eligible["id"].to_numpy()[pick], None)
    out["centre_name"] = np.where(found, eligible["name"].to_numpy()[pick], None)
    out["centre_status"] = np.where(found, eligible["status"].to_numpy()[pick], None)
    out["km"] = km
    out["beyond"] = ~(km <= reach_km)
    return out


def _weighted_mean_km(group: pd.DataFrame) -> float:
    """Population-weighted mean distance; a plain mean when no population is known."""
    km = group["km"]
    if km.isna().all():
        return float("nan")
    pop = group["population"].fillna(0)
    ok = km.notna()
    if pop[ok].sum() > 0:
        return float(np.average(km[ok], weights=pop[ok]))
    return float(km[ok].mean())


def district_reach(
    reach: pd.DataFrame,
    districts: pd.DataFrame,
    centres: pd.DataFrame,
    group: TargetGroup | str | None = None,
    with_planned: bool = False,
) -> pd.DataFrame:
    """Reach and places per district.

    Parameters
    ----------
    reach : DataFrame
        ``settlement_reach`` of the settlements of ``districts``.
    districts : DataFrame
        Districts frame; every district gets a row.
    centres : DataFrame
        All centres (``rehab_frame``); places count the eligible ones located in the district.
    group, with_planned
        As for ``settlement_reach``.

    Returns
    -------
    DataFrame
        ``DISTRICT_COLUMNS``: settlement counts (all, beyond the limit), their listed population
        and the part of it beyond the limit, distance from the admin centre (``admin_km``),
        population-weighted mean and maximum distance, eligible centres in the district with
        their places (``places_unknown``: centres whose places are not given), registered people
        the places serve (children for children's and autism centres, everyone otherwise) and
        ``places_per_10000`` of them; provenance columns.
    """
    figures = district_figures(districts)
    people_column = DENOMINATOR.get(_group_value(group) or "", "disabled_total")
    eligible = eligible_centres(centres, group, with_planned)
    rows = []
    for f in figures.itertuples(index=False):
        mine = reach[reach["district_kato"] == f.kato]
        here = eligible[eligible["district_kato"] == f.kato]
        admin = mine[mine["admin_centre"]]
        listed = mine["population"].notna()
        places = here["places"].dropna()
        people = getattr(f, people_column)
        total_places = float(places.sum()) if len(places) else (0.0 if here.empty else np.nan)
        demo = bool(here["demo"].any()) if len(here) else bool(eligible["demo"].any()) if len(eligible) else False
        rows.append(
            {
                "kato": f.kato,
                "settlements": len(mine),
                "settlements_beyond": int(mine["beyond"].sum()),
                "population_listed": float(mine.loc[listed, "population"].sum()) if listed.any() else np.nan,
                "population_beyond": float(mine.loc[listed & mine["beyond"], "population"].sum())
                if listed.any()
                else np.nan,
                "admin_km": float(admin["km"].iloc[0]) if len(admin) else np.nan,
                "mean_km": _weighted_mean_km(mine) if len(mine) else np.nan,
                "max_km": float(mine["km"].max()) if len(mine) and mine["km"].notna().any() else np.nan,
                "centres": len(here),
                "places": total_places,
                "places_unknown": int(here["places"].isna().sum()),
                "people": people,
                "places_per_10000": total_places / people * 10_000
                if people and people > 0 and not np.isnan(total_places)
                else np.nan,
                "source": join_sources(
                    CENTRES_SOURCE,
                    SETTLEMENTS_SOURCE if len(mine) else "",
                    mine["population_source"].dropna().unique().tolist(),
                    getattr(f, f"{people_column}_source"),
                ),
                "year": year_text(getattr(f, f"{people_column}_year")),
                "estimate": bool(getattr(f, f"{people_column}_estimate") or mine["population_estimate"].any()),
                "demo": demo,
            }
        )
    return pd.DataFrame(rows, columns=DISTRICT_COLUMNS)


def planned_effect(
    settlements: pd.DataFrame, centres: pd.DataFrame, group: TargetGroup | str | None = None, reach_km: float = REACH_KM
) -> pd.DataFrame:
    """What opening the planned and under-construction centres would change, per settlement.

    Returns
    -------
    DataFrame
        The settlements' columns plus ``km_now``, ``km_with_planned``, ``km_saved`` (≥ 0) and
        ``newly_reached`` (beyond the limit now, within it once the coming centres open).
    """
    now = settlement_reach(settlements, centres, group, False, reach_km)
    later = settlement_reach(settlements, centres, group, True, reach_km)
    out = settlements.reset_index(drop=True).copy()
    out["km_now"], out["km_with_planned"] = now["km"], later["km"]
    saved = now["km"] - later["km"]
    out["km_saved"] = np.where(now["km"].isna() & later["km"].notna(), np.inf, saved.fillna(0))
    out["newly_reached"] = now["beyond"] & ~later["beyond"]
    return out


def region_reach(reach: pd.DataFrame) -> dict[str, float]:
    """Settlements and listed population beyond the limit over the whole selection."""
    listed = reach["population"].notna()
    return {
        "settlements": len(reach),
        "settlements_beyond": int(reach["beyond"].sum()),
        "population_listed": float(reach.loc[listed, "population"].sum()),
        "population_beyond": float(reach.loc[listed & reach["beyond"], "population"].sum()),
    }
