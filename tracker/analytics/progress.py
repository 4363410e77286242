"""Progress figures over a facilities frame (see ``tracker.storage.queries.facilities_frame``)."""

import pandas as pd

from tracker.domain.enums import Stage

BUDGET_KINDS = ("planned", "allocated", "contracted", "spent")
DONE = (Stage.COMPLETED.value, Stage.ACCEPTED.value)


def stage_counts(frame: pd.DataFrame) -> pd.Series:
    """Objects per stage, every stage present (zero when none), in the order of the project line."""
    order = [s.value for s in Stage]
    return frame["stage"].value_counts().reindex(order, fill_value=0).astype(int)


def budget_totals(frame: pd.DataFrame) -> dict[str, float]:
    """Sum of planned / allocated / contracted / spent ₸, and execution = spent ÷ allocated."""
    totals = {kind: float(frame[f"budget_{kind}"].sum()) for kind in BUDGET_KINDS}
    totals["execution"] = totals["spent"] / totals["allocated"] if totals["allocated"] else None
    return totals


def completion_share(frame: pd.DataFrame) -> float | None:
    """Share of objects completed or accepted, or None for an empty selection."""
    return float(frame["stage"].isin(DONE).mean()) if len(frame) else None
