"""Progress figures over a facilities frame (see ``tracker.storage.queries.facilities_frame``)."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracker.domain.enums import Stage

BUDGET_KINDS = ("planned", "allocated", "contracted", "spent")
DONE = (Stage.COMPLETED.value, Stage.ACCEPTED.value)


def stage_counts(frame: pd.DataFrame) -> pd.Series:
    """Objects per stage, every stage present (zero when none), in the order of the project line."""
    order = [s.value for s in Stage]
    return frame["stage"].value_counts().reindex(order, fill_value=0).astype(int)


def budget_totals(frame: pd.DataFrame) -> dict[str, float | int | None]:
    """Sums of the known planned / allocated / contracted / spent ₸ and execution = spent ÷ allocated.

    An unknown amount (NaN) is left out of its sum (None when no object has one), never read as
    0: ``unknown_<kind>`` counts
    the objects without it, and ``unknown`` those left out of ``execution``, which is taken over
    the objects whose allocated and spent amounts are both known (None when nothing is).
    """
    totals: dict[str, float | int | None] = {}
    for kind in BUDGET_KINDS:
        column = frame[f"budget_{kind}"]
        totals[kind] = float(column.sum()) if column.notna().any() else None
        totals[f"unknown_{kind}"] = int(column.isna().sum())
    known = frame["budget_allocated"].notna() & frame["budget_spent"].notna()
    allocated = float(frame.loc[known, "budget_allocated"].sum())
    totals["execution"] = float(frame.loc[known, "budget_spent"].sum()) / allocated if allocated else None
    totals["unknown"] = int((~known).sum())
    return totals


def completion_share(frame: pd.DataFrame) -> float | None:
    """Share of objects completed or accepted, or None for an empty selection."""
    return float(frame["stage"].isin(DONE).mean()) if len(frame) else None


#: Stages in which an object can no longer be late: it is done, or it left the programme.
NOT_LATE = (Stage.COMPLETED.value, Stage.ACCEPTED.value, Stage.CANCELLED.value)


def is_overdue(frame: pd.DataFrame, today: date) -> pd.Series:
    """Objects past their planned completion date and neither done nor cancelled.

    Parameters
    ----------
    frame : DataFrame with ``planned_completion`` (date or None) and ``stage``.
    today : the day the lateness is judged on.

    Returns
    -------
    Series of bool aligned with ``frame``; an object without a planned date is never overdue.
    """
    planned = pd.to_datetime(frame["planned_completion"], errors="coerce")
    return (planned < pd.Timestamp(today)) & ~frame["stage"].isin(NOT_LATE)


@dataclass(frozen=True)
class Summary:
    """The headline figures of a selection of objects."""

    objects: int
    by_stage: dict[str, int]
    completed: int
    accepted: int
    done: int
    plan_share: float | None
    budget: dict[str, float | int | None]
    overdue: int
    demo: int


def summarise(frame: pd.DataFrame, today: date) -> Summary:
    """Objects planned, per stage, completed, accepted, share of plan done, money and overdue.

    Parameters
    ----------
    frame : facilities frame (``stage``, ``planned_completion``, ``budget_*``, ``demo``) of the
        selection; for one programme year it is that year's plan.
    today : the day overdue objects are counted on.

    Returns
    -------
    Summary where ``plan_share`` = (completed + accepted) ÷ objects (None when there are none)
    and ``budget`` is `budget_totals`: the sums in ₸ of known amounts, the objects without them,
    and ``execution`` = spent ÷ allocated over the objects with both.
    """
    counts = stage_counts(frame)
    completed = int(counts[Stage.COMPLETED.value])
    accepted = int(counts[Stage.ACCEPTED.value])
    return Summary(
        objects=len(frame),
        by_stage={stage: int(n) for stage, n in counts.items()},
        completed=completed,
        accepted=accepted,
        done=completed + accepted,
        plan_share=completion_share(frame),
        budget=budget_totals(frame),
        overdue=int(is_overdue(frame, today).sum()) if len(frame) else 0,
        demo=int(frame["demo"].sum()) if len(frame) else 0,
    )
