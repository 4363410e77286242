"""Claimed vs verified: objects reported done whose latest monitoring visit found them short."""

import pandas as pd

from tracker.domain.checklist import by_version, clean_answers, evaluate
from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.visit import SiteAudit
from tracker.i18n.audit import reason_text

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
    columns = ["facility_id", "id", "visited_on", "organisation", "findings", "audit"]
    latest = latest_visits(visits).reindex(columns=columns) if len(visits) else pd.DataFrame(columns=columns)
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
    """Only the objects whose official stage is done but whose latest visit found a gap, worst first."""
    table = claimed_vs_verified(facilities, visits)
    return ranked(table[table["status"] == "discrepancy"])


def ranked(found: pd.DataFrame) -> pd.DataFrame:
    """The discrepancies worst first, with ``worse`` and ``steps`` added.

    ``worse`` is how many categories the latest visit found below target; ``steps`` how far below
    in all, counted in states (ДП → ДЧ → ДУ → ВНД: target ДП found ВНД is 3 steps). Order: more
    categories worse, then more steps, then more money spent (``budget_spent``, ₸), then the
    object's id — so the objects reported done at the greatest cost and furthest from it come first.
    """
    out = found.copy()
    out["worse"] = [len(g) for g in out["gaps"]]
    out["steps"] = [sum(_RANK[x["found"]] - _RANK[x["target"]] for x in g) for g in out["gaps"]]
    spent = out["budget_spent"] if "budget_spent" in out else pd.Series(0.0, index=out.index)
    out["_spent"] = pd.to_numeric(spent, errors="coerce").fillna(0.0)
    out = out.sort_values(["worse", "steps", "_spent", "id"], ascending=[False, False, False, True], kind="stable")
    return out.drop(columns=["_spent"]).reset_index(drop=True)


def summary(table: pd.DataFrame) -> dict[str, int]:
    """Counts of claimed-done objects by status (``claimed`` is the total)."""
    counts = table["status"].value_counts()
    return {"claimed": len(table)} | {
        status: int(counts.get(status, 0)) for status in ("discrepancy", "confirmed", "not_visited")
    }


def gap_reasons(audit: dict | None, found_gaps: list[dict], lang: str) -> list[str]:
    """The site audit's reasons for the categories found below target, in ``lang``, passport order.

    A visit typed in by hand (no ``audit``) gives none; its gaps still show.
    """
    if not isinstance(audit, dict) or not found_gaps:
        return []
    stored = SiteAudit.model_validate(audit)
    checklist = by_version(stored.checklist_version)
    verdict = evaluate(checklist, clean_answers(checklist, stored.answers))
    wanted = {g["category"] for g in found_gaps}
    return [reason_text(checklist, r, lang) for r in verdict.reasons if r.category.value in wanted]
