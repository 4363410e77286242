"""The progress map's filters as one value, and the selection they make (pure pandas)."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracker.analytics.progress import is_overdue
from tracker.analytics.rollup import below_target


@dataclass(frozen=True)
class MapFilter:
    """What to show beyond the scope (oblasts, years): empty tuples mean "all"."""

    sectors: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    category: str | None = None  # objects whose passport for this category is below target
    funding: tuple[str, ...] = ()
    overdue_only: bool = False


def select_objects(frame: pd.DataFrame, flt: MapFilter, today: date) -> pd.DataFrame:
    """The rows of a facilities frame that pass ``flt``; overdue is judged on ``today``.

    Parameters
    ----------
    frame : facilities frame (``sector``, ``stage``, ``funding_source``, ``passport``,
        ``planned_completion``).
    flt : the filters.
    today : the day overdue objects are counted on.

    Returns
    -------
    DataFrame, the selected rows in their original order.
    """
    keep = pd.Series(True, index=frame.index)
    if flt.sectors:
        keep &= frame["sector"].isin(flt.sectors)
    if flt.stages:
        keep &= frame["stage"].isin(flt.stages)
    if flt.funding:
        keep &= frame["funding_source"].isin(flt.funding)
    if flt.overdue_only:
        keep &= is_overdue(frame, today)
    if flt.category:
        keep &= below_target(frame, flt.category)
    return frame[keep]
