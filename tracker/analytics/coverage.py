"""Invataxi coverage per district: vehicles against the eligible and the registered, trips, refusals, waits.

Coverage is counted on the base the rules serve — people eligible for Invataxi
(``tracker.analytics.invataxi_base``): vehicles per 1,000 eligible people, per 100 wheelchair
users, trips per eligible person a year. Fleets are taken month by month as reported: the
fleet of a district is the one of its latest reported month, its change since the first.

The comparison point (``NORM_PER_1000``) is the seed oblast's own ratio — 33 vehicles for
66,947 registered people with disabilities in Almaty oblast, 2021, ≈ 0.49 per 1,000 *registered*
(not eligible: the seed gives no eligible count), so it is set beside ``vehicles_per_1000``
only. It is a point of comparison chosen by this tracker, not a legal norm; it is configurable
(``Settings.invataxi_norm_per_1000``). The ADA paratransit principles quoted beside it
(no trip caps, no waiting lists, pickup within ±1 hour, refusals tracked with reasons) are
likewise a yardstick, not Kazakh law.
"""

import math

import numpy as np
import pandas as pd

from tracker.analytics.invataxi_base import ELIGIBLE_SHARE, eligible_base, per_eligible
from tracker.analytics.sourced import district_figures, join_sources, month_span, year_text
from tracker.domain.enums import RefusalReason

NORM_PER_1000 = 0.49
NORM_SOURCE = (
    "seed article on the programme in Almaty oblast (2021): 33 Invataxi vehicles for 66,947 "
    "registered people with disabilities ≈ 0.49 per 1,000 — a comparison point, not a legal norm"
)
COVERAGE_COLUMNS = [
    "kato",
    "months",
    "period",
    "vehicles",
    "vehicles_first",
    "trips",
    "refused",
    "refusal_rate",
    "trips_per_vehicle",
    "avg_wait_min",
    "eligible",
    "eligible_estimate",
    "vehicles_per_1000_eligible",
    "trips_per_eligible_year",
    "disabled_total",
    "disabled_total_estimate",
    "wheelchair_users",
    "vehicles_per_1000",
    "vehicles_per_100_wheelchair",
    "norm_per_1000",
    "below_norm",
    "vehicles_short",
    "source",
    "year",
    "estimate",
    "demo",
]


def _refused_total(refused: object) -> int:
    return int(sum(refused.values())) if isinstance(refused, dict) else 0


def _reports(reports: pd.DataFrame, katos: set[str] | None = None) -> pd.DataFrame:
    frame = reports if katos is None else reports[reports["district_kato"].isin(katos)]
    frame = frame.copy()
    frame["refused_total"] = [_refused_total(r) for r in frame["refused"]]
    return frame


def _weighted_wait(group: pd.DataFrame) -> float:
    """Mean wait over the period, each month weighted by its trips (months without a wait ignored)."""
    ok = group["avg_wait_min"].notna()
    weights = group.loc[ok, "trips"].astype(float)
    if not ok.any():
        return float("nan")
    if weights.sum() == 0:
        return float(group.loc[ok, "avg_wait_min"].mean())
    return float(np.average(group.loc[ok, "avg_wait_min"].astype(float), weights=weights))


def _per_district(reports: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for kato, group in reports.groupby("district_kato", sort=True):
        group = group.sort_values("month")
        trips, refused = int(group["trips"].sum()), int(group["refused_total"].sum())
        vehicle_months = int(group["vehicles"].sum())
        sources = [f"Invataxi reports: {s}" if s else "Invataxi reports" for s in group["source"].fillna("")]
        rows.append(
            {
                "kato": kato,
                "months": int(group["month"].nunique()),
                "period": month_span(group["month"]),
                "vehicles": float(group["vehicles"].iloc[-1]),
                "vehicles_first": float(group["vehicles"].iloc[0]),
                "trips": trips,
                "refused": refused,
                "refusal_rate": refused / (trips + refused) if trips + refused else float("nan"),
                "trips_per_vehicle": trips / vehicle_months if vehicle_months else float("nan"),
                "avg_wait_min": _weighted_wait(group),
                "taxi_source": join_sources(sources),
                "taxi_demo": bool(group["demo"].any()),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "kato",
            "months",
            "period",
            "vehicles",
            "vehicles_first",
            "trips",
            "refused",
            "refusal_rate",
            "trips_per_vehicle",
            "avg_wait_min",
            "taxi_source",
            "taxi_demo",
        ],
    )


def invataxi_coverage(
    reports: pd.DataFrame,
    districts: pd.DataFrame,
    norm_per_1000: float = NORM_PER_1000,
    eligible_share: float = ELIGIBLE_SHARE,
) -> pd.DataFrame:
    """Invataxi figures per district on the eligible base, and against a comparison point per 1,000 registered.

    Parameters
    ----------
    reports : DataFrame
        Monthly reports (``tracker.storage.queries.invataxi_frame``): ``district_kato, month,
        vehicles, trips, refused`` (``{reason: count}``), ``avg_wait_min, source, demo``.
    districts : DataFrame
        Districts frame (``districts_frame``); every district in it gets a row.
    norm_per_1000 : float
        The comparison point, vehicles per 1,000 registered people with disabilities.
    eligible_share : float
        Share of registered people taken as eligible where a district gives no count of its own.

    Returns
    -------
    DataFrame
        ``COVERAGE_COLUMNS``, one row per district in KATO order:

        - ``vehicles``: fleet in the latest reported month (NaN: no report — unknown, not zero);
          ``vehicles_first``: the fleet in the first month of the period, as reported;
        - ``trips``, ``refused``: totals over the reported months; ``refusal_rate`` =
          refused ÷ (trips + refused);
        - ``trips_per_vehicle``: trips per vehicle per month (trips ÷ vehicle-months);
        - ``avg_wait_min``: mean wait, months weighted by trips;
        - ``eligible``: people eligible for Invataxi (counted, or estimated from the share);
          ``vehicles_per_1000_eligible`` = vehicles ÷ eligible × 1,000;
          ``trips_per_eligible_year`` = trips ÷ months × 12 ÷ eligible;
        - ``vehicles_per_1000`` = vehicles ÷ registered people with disabilities × 1,000;
          ``vehicles_per_100_wheelchair`` = vehicles ÷ wheelchair users × 100;
        - ``below_norm``: True/False, or None when either side is unknown; ``vehicles_short``:
          vehicles missing to reach the norm (rounded up, ≥ 0);
        - ``source, year, estimate, demo``: provenance of the figures in the row (the reports
          and the district figures they are divided by).
    """
    figures = district_figures(districts)
    taxi = _per_district(_reports(reports, set(districts["kato"])))
    frame = figures.merge(taxi, on="kato", how="left").merge(eligible_base(figures, eligible_share), on="kato")
    ratios = per_eligible(frame["vehicles"], frame["trips"], frame["months"], frame["eligible"])
    frame = pd.concat([frame, ratios], axis=1)
    people, chairs = frame["disabled_total"], frame["wheelchair_users"]
    frame["vehicles_per_1000"] = np.where(people > 0, frame["vehicles"] / people * 1000, np.nan)
    frame["vehicles_per_100_wheelchair"] = np.where(chairs > 0, frame["vehicles"] / chairs * 100, np.nan)
    frame["norm_per_1000"] = float(norm_per_1000)
    known = frame["vehicles_per_1000"].notna()
    frame["below_norm"] = pd.Series(
        np.where(known, frame["vehicles_per_1000"] < norm_per_1000, None), index=frame.index, dtype=object
    )
    needed = people * norm_per_1000 / 1000 - frame["vehicles"]
    frame["vehicles_short"] = [max(0, math.ceil(n - 1e-9)) if not pd.isna(n) else np.nan for n in needed]

    has_taxi = frame["months"].notna()
    frame["source"] = [
        join_sources(
            r.taxi_source if has else "", r.eligible_source, r.disabled_total_source, r.wheelchair_users_source
        )
        for r, has in zip(frame.itertuples(), has_taxi)
    ]
    frame["year"] = [
        year_text(r.period if has else None, r.eligible_year, r.disabled_total_year, r.wheelchair_users_year)
        for r, has in zip(frame.itertuples(), has_taxi)
    ]
    frame["estimate"] = (
        frame["disabled_total_estimate"] | frame["wheelchair_users_estimate"] | frame["eligible_estimate"].astype(bool)
    )
    frame["demo"] = frame["taxi_demo"].fillna(False).astype(bool)
    for column in ("trips", "refused", "months"):
        frame[column] = frame[column].astype(float)
    return frame[COVERAGE_COLUMNS].sort_values("kato", ignore_index=True)


def ranked(coverage: pd.DataFrame) -> pd.DataFrame:
    """Districts with a known ratio, fewest vehicles per 1,000 first; unknown ones after, by KATO."""
    known = coverage[coverage["vehicles_per_1000"].notna()].sort_values(["vehicles_per_1000", "kato"])
    unknown = coverage[coverage["vehicles_per_1000"].isna()].sort_values("kato")
    return pd.concat([known, unknown], ignore_index=True)


def refusal_reasons(reports: pd.DataFrame, katos: set[str] | None = None) -> pd.DataFrame:
    """Refused trips by reason over the reports of ``katos`` (all when None).

    Returns
    -------
    DataFrame
        ``reason`` (every ``RefusalReason`` value, in vocabulary order), ``refused`` (count)
        and ``share`` of all refusals (NaN when there were none).
    """
    counts = dict.fromkeys((r.value for r in RefusalReason), 0)
    for refused in _reports(reports, katos)["refused"]:
        for reason, n in (refused or {}).items():
            key = reason.value if isinstance(reason, RefusalReason) else str(reason)
            counts[key] = counts.get(key, 0) + int(n)
    total = sum(counts.values())
    return pd.DataFrame(
        {
            "reason": list(counts),
            "refused": list(counts.values()),
            "share": [n / total if total else float("nan") for n in counts.values()],
        }
    )


def monthly_trend(reports: pd.DataFrame, katos: set[str] | None = None) -> pd.DataFrame:
    """Month by month over the reports of ``katos`` (all when None).

    Returns
    -------
    DataFrame
        ``month`` (YYYY-MM, ascending), ``vehicles``, ``trips``, ``refused`` (sums over the
        districts), ``refusal_rate``, ``trips_per_vehicle`` and ``avg_wait_min`` (weighted by
        trips), ``demo``.
    """
    frame = _reports(reports, katos)
    rows = []
    for month, group in frame.groupby("month", sort=True):
        trips, refused, vehicles = (
            int(group["trips"].sum()),
            int(group["refused_total"].sum()),
            int(group["vehicles"].sum()),
        )
        rows.append(
            {
                "month": month,
                "vehicles": vehicles,
                "trips": trips,
                "refused": refused,
                "refusal_rate": refused / (trips + refused) if trips + refused else float("nan"),
                "trips_per_vehicle": trips / vehicles if vehicles else float("nan"),
                "avg_wait_min": _weighted_wait(group),
                "demo": bool(group["demo"].any()),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["month", "vehicles", "trips", "refused", "refusal_rate", "trips_per_vehicle", "avg_wait_min", "demo"],
    )


def region_totals(coverage: pd.DataFrame, norm_per_1000: float = NORM_PER_1000) -> dict[str, float | None]:
    """Vehicles, registered and eligible people, and vehicles per 1,000 of each, over the districts with both known."""
    both = coverage[coverage["vehicles"].notna() & coverage["disabled_total"].notna()]
    vehicles, people = float(both["vehicles"].sum()), float(both["disabled_total"].sum())
    served = coverage[coverage["vehicles"].notna() & coverage["eligible"].notna()]
    eligible = float(served["eligible"].sum())
    return {
        "districts": len(both),
        "below_norm": int((both["vehicles_per_1000"] < norm_per_1000).sum()),
        "vehicles": vehicles,
        "disabled_total": people,
        "vehicles_per_1000": vehicles / people * 1000 if people else None,
        "eligible": eligible,
        "vehicles_per_1000_eligible": float(served["vehicles"].sum()) / eligible * 1000 if eligible else None,
    }
