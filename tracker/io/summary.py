"""District summaries for export: one row per district, each figure beside its source."""

import pandas as pd

from tracker.domain import District, InvataxiReport, RehabCenter
from tracker.domain.enums import DisabilityCategory
from tracker.domain.passport import object_class

SUMMARY_COLUMNS = (
    "district_kato",
    "district",
    "oblast",
    "objects",
    "done",
    "done_share",
    "adapted_full",
    "partly_accessible",
    "budget_planned",
    "budget_allocated",
    "budget_spent",
    "execution",
    "budget_unknown",
    "rehab_centres",
    "rehab_places",
    "invataxi_month",
    "invataxi_vehicles",
    "invataxi_trips",
    "population",
    "disabled_total",
    "figures_source",
    "estimate",
    "demo_objects",
)
SUMMARY_MONEY = ("budget_planned", "budget_allocated", "budget_spent")
DONE = ("completed", "accepted")


def district_summary(
    objects: pd.DataFrame,
    rehab: list[RehabCenter],
    invataxi: list[InvataxiReport],
    districts: list[District],
    only: str | None = None,
) -> pd.DataFrame:
    """Per district: objects, done, money, rehabilitation places, latest Invataxi month, figures.

    Parameters
    ----------
    objects : facilities frame (``tracker.storage.queries.facilities_frame`` columns).
    rehab, invataxi : the records to count.
    districts : every district of the register (rows for districts without objects too).
    only : a KATO code to keep one district.

    Returns
    -------
    DataFrame with ``SUMMARY_COLUMNS``; ``done_share`` = done ÷ objects, ``execution`` = spent ÷
    allocated over the objects whose both amounts are known (None when nothing known is allocated),
    ``budget_unknown`` the objects left out of it; money sums add known amounts only (None when
    no object has one); ``adapted_full`` counts objects fully accessible
    for all categories (ДП-В, as the ministry counts adapted objects) and ``partly_accessible``
    those partly accessible beside them (never added); ``estimate`` is true when a figure is an estimate.
    """
    rows = []
    by_kato = objects.groupby("district_kato") if len(objects) else None
    for d in districts:
        if only and d.kato != only:
            continue
        frame = by_kato.get_group(d.kato) if by_kato is not None and d.kato in by_kato.groups else objects.iloc[0:0]
        done = int(frame["stage"].isin(DONE).sum())
        classes = [object_class(states) for states in _current_states(frame)]
        known = frame["budget_allocated"].notna() & frame["budget_spent"].notna()
        allocated = float(frame.loc[known, "budget_allocated"].sum())
        spent = float(frame.loc[known, "budget_spent"].sum())
        centres = [r for r in rehab if r.district_kato == d.kato]
        reports = [r for r in invataxi if r.district_kato == d.kato]
        latest = max((r.month for r in reports), default=None)
        figures = [f for f in (d.population, d.disabled_total) if f is not None]
        rows.append(
            {
                "district_kato": d.kato,
                "district": d.name_en,
                "oblast": d.oblast_en,
                "objects": len(frame),
                "done": done,
                "done_share": round(done / len(frame), 4) if len(frame) else None,
                "adapted_full": classes.count("full"),
                "partly_accessible": classes.count("partly"),
                "budget_planned": _known_sum(frame["budget_planned"]),
                "budget_allocated": _known_sum(frame["budget_allocated"]),
                "budget_spent": _known_sum(frame["budget_spent"]),
                "execution": round(spent / allocated, 4) if allocated else None,
                "budget_unknown": int((~known).sum()),
                "rehab_centres": len(centres),
                "rehab_places": sum(r.places or 0 for r in centres),
                "invataxi_month": latest,
                "invataxi_vehicles": sum(r.vehicles for r in reports if r.month == latest) if latest else None,
                "invataxi_trips": sum(r.trips for r in reports if r.month == latest) if latest else None,
                "population": d.population.value if d.population else None,
                "disabled_total": d.disabled_total.value if d.disabled_total else None,
                "figures_source": "; ".join(sorted({f"{f.source}, {f.year}" for f in figures})) or None,
                "estimate": any(f.estimate for f in figures),
                "demo_objects": int(frame["demo"].sum()) if len(frame) else 0,
            }
        )
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def _known_sum(amounts: pd.Series) -> float | None:
    """The sum of the amounts given; None when none is: an empty cell is unknown, not 0."""
    return round(float(amounts.sum()), 2) if amounts.notna().any() else None


def _current_states(frame: pd.DataFrame) -> list[list[str | None]]:
    """Per object, the summary's current state per category (``passport`` as the frame holds it)."""
    return [
        [((p if isinstance(p, dict) else {}).get(c.value) or {}).get("current") for c in DisabilityCategory]
        for p in frame.get("passport", pd.Series([], dtype=object))
    ]
