"""District roll-ups: one row per district of a facilities frame, vectorised (50,000 objects in ms).

Definitions, used by the map, the district page and the bench:

- ``objects``: live objects in the selection; ``planned``: those not cancelled (the plan);
- ``done``: completed or accepted; ``pct_done`` = done ÷ planned (None when nothing is planned);
- ``execution`` = spent ÷ allocated ₸ over the objects whose both amounts are known (None when
  nothing known is allocated); ``budget_unknown`` counts the objects left out of it. An unknown
  amount is left out of every sum, never read as 0;
- ``overdue``: see `tracker.analytics.progress.is_overdue`.
"""

from datetime import date

import numpy as np
import pandas as pd

from tracker.analytics.progress import DONE, is_overdue
from tracker.domain.enums import DisabilityCategory, PassportState, Stage

ROLLUP_COLUMNS = [
    "objects",
    "planned",
    "done",
    "pct_done",
    "budget_planned",
    "budget_allocated",
    "budget_spent",
    "execution",
    "overdue",
    "budget_unknown",
]
_RANK = {state.value: state.rank for state in PassportState}


def district_rollup(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """Per district: objects, plan, done, % done, budget and its execution, overdue objects.

    Parameters
    ----------
    frame : DataFrame
        Facilities (``district_kato``, ``stage``, ``planned_completion``, ``budget_planned``,
        ``budget_allocated``, ``budget_spent``; NaN where an amount is unknown), as
        `tracker.storage.queries.facilities_frame` returns them.
    today : datetime.date
        The day overdue objects are counted on.

    Returns
    -------
    DataFrame
        Indexed by ``district_kato`` (only districts with objects), columns `ROLLUP_COLUMNS`;
        counts are int, money in ₸ (float), shares in 0..1 or NaN where undefined.
    """
    if frame.empty:
        return pd.DataFrame(columns=ROLLUP_COLUMNS, index=pd.Index([], name="district_kato"))
    stage = frame["stage"]
    allocated = frame["budget_allocated"].to_numpy(dtype=float)
    spent = frame["budget_spent"].to_numpy(dtype=float)
    known = ~(np.isnan(allocated) | np.isnan(spent))
    work = pd.DataFrame(
        {
            "district_kato": frame["district_kato"].to_numpy(),
            "objects": 1,
            "planned": (stage != Stage.CANCELLED.value).to_numpy(dtype=np.int64),
            "done": stage.isin(DONE).to_numpy(dtype=np.int64),
            "budget_planned": frame["budget_planned"].to_numpy(dtype=float),
            "budget_allocated": allocated,
            "budget_spent": spent,
            "overdue": is_overdue(frame, today).to_numpy(dtype=np.int64),
            "budget_unknown": (~known).astype(np.int64),
            "_allocated_known": np.where(known, allocated, 0.0),
            "_spent_known": np.where(known, spent, 0.0),
        }
    )
    out = work.groupby("district_kato", sort=True).sum(min_count=1)  # NaN adds nothing; all NaN stays NaN
    out["pct_done"] = out["done"] / out["planned"].where(out["planned"] > 0)
    out["execution"] = out["_spent_known"] / out["_allocated_known"].where(out["_allocated_known"] > 0)
    return out[ROLLUP_COLUMNS]


def below_target(frame: pd.DataFrame, category: DisabilityCategory | str) -> pd.Series:
    """Objects whose passport for ``category`` is assessed worse than its target.

    Parameters
    ----------
    frame : DataFrame with ``passport``: per row a mapping ``category → {current, target}`` with
        passport state values (``DP``, ``DCH``, ``DU``, ``VND``), as stored.
    category : the disability category.

    Returns
    -------
    Series of bool aligned with ``frame``; False where the state or the target is not recorded.
    """
    key = DisabilityCategory(category).value

    def short_of_target(passport) -> bool:
        entry = (passport or {}).get(key) or {}
        current, target = _RANK.get(entry.get("current")), _RANK.get(entry.get("target"))
        return current is not None and target is not None and current > target

    return pd.Series([short_of_target(p) for p in frame["passport"]], index=frame.index, dtype=bool)


def invataxi_by_district(reports: pd.DataFrame, months: int = 12) -> pd.DataFrame:
    """Invataxi figures per district over its last ``months`` reported months.

    Parameters
    ----------
    reports : DataFrame of monthly reports (``district_kato``, ``month`` as ``YYYY-MM``,
        ``vehicles``, ``trips``, ``refused`` as a mapping reason → count, ``avg_wait_min``,
        ``source``, ``demo``), as `tracker.storage.queries.invataxi_frame` returns them.
    months : how many of each district's latest months to add up.

    Returns
    -------
    DataFrame indexed by ``district_kato`` with ``vehicles`` (in the latest month),
    ``latest_month``, ``first_month``, ``trips``, ``refused`` (sums), ``refusal_rate`` =
    refused ÷ (trips + refused), ``avg_wait_min`` (mean of the monthly averages), ``source``
    and ``demo`` (any month demo).
    """
    columns = [
        "vehicles",
        "latest_month",
        "first_month",
        "trips",
        "refused",
        "refusal_rate",
        "avg_wait_min",
        "source",
        "demo",
    ]
    if reports.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="district_kato"))
    work = reports.sort_values(["district_kato", "month"])
    work = work.groupby("district_kato", sort=True).tail(months).copy()
    work["refused_total"] = [sum((r or {}).values()) for r in work["refused"]]
    grouped = work.groupby("district_kato", sort=True)
    out = pd.DataFrame(
        {
            "vehicles": grouped["vehicles"].last(),
            "latest_month": grouped["month"].last(),
            "first_month": grouped["month"].first(),
            "trips": grouped["trips"].sum(),
            "refused": grouped["refused_total"].sum(),
            "avg_wait_min": grouped["avg_wait_min"].mean(),
            "source": grouped["source"].last(),
            "demo": grouped["demo"].any(),
        }
    )
    asked = out["trips"] + out["refused"]
    out["refusal_rate"] = out["refused"] / asked.where(asked > 0)
    return out[columns]
