"""Claimed vs verified: objects reported done whose latest monitoring visit found them short."""

import pandas as pd

from tracker.domain.enums import DisabilityCategory, PassportState

DONE = ("completed", "accepted")
_RANK = {state.value: state.rank for state in PassportState}
GAP_COLUMNS = ["category", "target", "found"]


def latest_visits(visits: pd.DataFrame) -> pd.DataFrame:
    """One row per object: its most recent visit (latest date, then the latest recorded).

    Parameters
    ----------
    visits : DataFrame with at least ``id, facility_id, visited_on, findings``.

    Returns
    -------
    DataFrame with the same columns, one row per ``facility_id``.
    """
    if visits.empty:
        return visits.copy()
    ordered = visits.sort_values(["facility_id", "visited_on", "id"])
    return ordered.groupby("facility_id", as_index=False).tail(1).reset_index(drop=True)


def gaps(passport: dict | None, findings: dict | None) -> list[dict[str, str]]:
    """Categories whose found state is worse than the passport's target, in category order.

    A category without a target, or not assessed on the visit, is not judged.
    """
    passport = passport or {}
    findings = findings or {}
    found_gaps = []
    for category in DisabilityCategory:
        target = (passport.get(category.value) or {}).get("target")
        found = findings.get(category.value)
        if target in _RANK and found in _RANK and _RANK[found] > _RANK[target]:
            found_gaps.append({"category": category.value, "target": target, "found": found})
    return found_gaps


def claimed_vs_verified(facilities: pd.DataFrame, visits: pd.DataFrame) -> pd.DataFrame:
    """Every object reported completed or accepted, with what its latest visit found.

    Parameters
    ----------
    facilities : DataFrame from ``tracker.storage.queries.facilities_frame`` (needs ``id, stage,
        passport`` and whatever else should be carried along, e.g. names and coordinates).
    visits : DataFrame from ``tracker.services.visits.visits_frame``.

    Returns
    -------
    DataFrame of the claimed-done objects with ``visit_id, visited_on, organisation`` (empty when
    never visited), ``gaps`` (list of ``{category, target, found}``) and ``status``: ``discrepancy``
    (latest visit found a category below target), ``confirmed`` (visited, no gap) or
    ``not_visited``.
    """
    claimed = facilities[facilities["stage"].isin(DONE)].copy()
    latest = (
        latest_visits(visits)[["facility_id", "id", "visited_on", "organisation", "findings"]]
        if len(visits)
        else pd.DataFrame(columns=["facility_id", "id", "visited_on", "organisation", "findings"])
    )
    latest = latest.rename(columns={"id": "visit_id", "facility_id": "id"})
    merged = claimed.merge(latest, on="id", how="left")
    merged["gaps"] = [
        gaps(p, f if isinstance(f, dict) else None) for p, f in zip(merged["passport"], merged["findings"])
    ]
    visited = merged["visit_id"].notna()
    has_gap = merged["gaps"].map(bool)
    merged["status"] = "not_visited"
    merged.loc[visited, "status"] = "confirmed"
    merged.loc[visited & has_gap, "status"] = "discrepancy"
    return merged.drop(columns=["findings"]).reset_index(drop=True)


def discrepancies(facilities: pd.DataFrame, visits: pd.DataFrame) -> pd.DataFrame:
    """Only the objects whose official stage is done but whose latest visit found a gap."""
    table = claimed_vs_verified(facilities, visits)
    return table[table["status"] == "discrepancy"].reset_index(drop=True)


def summary(table: pd.DataFrame) -> dict[str, int]:
    """Counts of claimed-done objects by status (``claimed`` is the total)."""
    counts = table["status"].value_counts()
    return {"claimed": len(table)} | {
        status: int(counts.get(status, 0)) for status in ("discrepancy", "confirmed", "not_visited")
    }
