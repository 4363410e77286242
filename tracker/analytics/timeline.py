"""Progress over time: plan against actual per programme year, the burn-up of completions, and
Invataxi's monthly figures.

The frames come from ``tracker.services.history_view.progress_frame`` (objects with their
stage dates) and ``tracker.storage.queries.invataxi_frame``.
"""

from datetime import date

import pandas as pd

from tracker.analytics.progress import DONE


def completion_dates(frame: pd.DataFrame) -> pd.Series:
    """When each object was completed, for objects that are completed or accepted now.

    Parameters
    ----------
    frame : DataFrame with ``stage``, ``completed_on`` and ``accepted_on`` (the dates the
        object reached those stages: dates, ISO strings or None) and, optionally,
        ``actual_completion``.

    Returns
    -------
    Series of Timestamps aligned with ``frame``: the date the object reached "completed" (or
    "accepted" when no completion date was recorded, else ``actual_completion``); NaT for
    objects not done now, so an object reopened after completion does not count.
    """
    recorded = pd.to_datetime(frame["completed_on"], errors="coerce")
    recorded = recorded.fillna(pd.to_datetime(frame["accepted_on"], errors="coerce"))
    if "actual_completion" in frame:
        recorded = recorded.fillna(pd.to_datetime(frame["actual_completion"], errors="coerce"))
    return recorded.where(frame["stage"].isin(DONE))


def plan_vs_actual(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """Per programme year: objects planned, done by the end of that year, and done to date.

    Parameters
    ----------
    frame : DataFrame with ``program_year``, ``stage``, ``completed_on``, ``accepted_on`` (see
        :func:`completion_dates`).
    today : the day "to date" means; a year not yet over counts its completions so far.

    Returns
    -------
    DataFrame indexed by ``year`` with ``planned`` (objects whose programme year it is),
    ``done_in_year`` (of those, completed by 31 December of that year), ``done_to_date``
    (of those, completed or accepted now), ``share_in_year`` = done_in_year ÷ planned and
    ``planned_share`` = planned ÷ all objects (the programme's ~20 % a year schedule).
    """
    columns = ["planned", "done_in_year", "done_to_date", "share_in_year", "planned_share"]
    if frame.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="year"))
    done_on = completion_dates(frame)
    year_end = pd.to_datetime(frame["program_year"].astype(int).astype(str) + "-12-31")
    cutoff = year_end.clip(upper=pd.Timestamp(today))
    table = (
        pd.DataFrame(
            {
                "year": frame["program_year"].astype(int),
                "planned": 1,
                "done_in_year": (done_on <= cutoff).astype(int),
                "done_to_date": done_on.notna().astype(int),
            }
        )
        .groupby("year")
        .sum()
    )
    table["share_in_year"] = table["done_in_year"] / table["planned"]
    table["planned_share"] = table["planned"] / table["planned"].sum()
    return table[columns]


def burn_up(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """Cumulative completions by month against the cumulative plan.

    Parameters
    ----------
    frame : DataFrame with ``program_year``, ``stage``, ``completed_on``, ``accepted_on`` and
        ``planned_completion`` (date or None; when missing, 31 December of the programme year).
    today : completions are counted up to this month; the plan runs on to its last month.

    Returns
    -------
    DataFrame indexed by ``month`` (first day of each month) with ``planned`` (objects due by
    the end of that month) and ``done`` (objects completed by then; NaN after ``today``'s
    month, so a chart's line stops at today).
    """
    if frame.empty:
        return pd.DataFrame(columns=["planned", "done"], index=pd.DatetimeIndex([], name="month"))
    done_on = completion_dates(frame)
    fallback = pd.to_datetime(frame["program_year"].astype(int).astype(str) + "-12-31")
    due = pd.to_datetime(frame["planned_completion"], errors="coerce").fillna(fallback)
    now = pd.Timestamp(today).to_period("M")
    first = min(due.min().to_period("M"), done_on.min().to_period("M") if done_on.notna().any() else now)
    last = max(due.max().to_period("M"), now)
    months = pd.period_range(first, last, freq="M")
    planned = due.dt.to_period("M").value_counts().reindex(months, fill_value=0).cumsum()
    done = done_on.dropna().dt.to_period("M").value_counts().reindex(months, fill_value=0).cumsum()
    table = pd.DataFrame({"planned": planned.astype(int), "done": done.astype(float)})
    table.loc[table.index > now, "done"] = float("nan")
    table.index = months.to_timestamp()
    table.index.name = "month"
    return table


def invataxi_monthly(frame: pd.DataFrame, months: int = 12) -> pd.DataFrame:
    """Invataxi reports summed per month over the districts in ``frame``, the last ``months``.

    Parameters
    ----------
    frame : reports with ``month`` (YYYY-MM), ``vehicles``, ``trips``, ``refused`` (reason →
        count) and ``avg_wait_min``.
    months : how many of the latest months to keep.

    Returns
    -------
    DataFrame indexed by ``month`` with ``vehicles``, ``trips``, ``refused``,
    ``refusal_rate`` = refused ÷ (trips + refused) and ``avg_wait_min`` weighted by trips.
    """
    columns = ["vehicles", "trips", "refused", "refusal_rate", "avg_wait_min"]
    if frame.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="month"))
    work = pd.DataFrame(
        {
            "month": frame["month"],
            "vehicles": frame["vehicles"].astype(int),
            "trips": frame["trips"].astype(int),
            "refused": frame["refused"].map(lambda r: sum((r or {}).values())).astype(int),
            "wait_x_trips": frame["avg_wait_min"].astype(float) * frame["trips"],
            "wait_trips": frame["trips"].where(frame["avg_wait_min"].notna(), 0),
        }
    )
    table = work.groupby("month").sum().sort_index().tail(months)
    asked = table["trips"] + table["refused"]
    table["refusal_rate"] = (table["refused"] / asked).where(asked > 0)
    table["avg_wait_min"] = (table["wait_x_trips"] / table["wait_trips"]).where(table["wait_trips"] > 0)
    return table[columns]
