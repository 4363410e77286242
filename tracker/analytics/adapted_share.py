"""Adapted share: of the objects with a passport, how many are fully accessible now, per category.

As the ministry counts (``tracker.analytics.passport_counts``): an object counts as adapted for
a category when the *current* state in its accessibility passport is ДП (fully accessible).
Partly or conditionally accessible objects (ДЧ, ДУ) are counted beside (``partly``), never
added. Objects with no current state for the category are not assessed and stay out of both
shares (they are counted separately).
"""

from collections.abc import Sequence

import pandas as pd

from tracker.analytics.sourced import year_text
from tracker.domain.enums import DisabilityCategory, PassportState

ADAPTED = (PassportState.FULL.value,)
PARTLY = (PassportState.PARTIAL.value, PassportState.CONDITIONAL.value)
CATEGORIES = tuple(c.value for c in DisabilityCategory)
MIN_ASSESSED = 5
SOURCE = "register of objects: accessibility passports (current state)"
SHARE_COLUMNS = [
    "category",
    "objects",
    "assessed",
    "adapted",
    "share",
    "partly",
    "partly_share",
    "source",
    "year",
    "estimate",
    "demo",
]


def passport_states(facilities: pd.DataFrame) -> pd.DataFrame:
    """One row per object and category: ``id, district_kato, sector, category, current, assessed_on, demo``."""
    rows = []
    for f in facilities[["id", "district_kato", "sector", "passport", "demo"]].itertuples(index=False):
        passport = f.passport if isinstance(f.passport, dict) else {}
        for category in CATEGORIES:
            entry = passport.get(category) or {}
            rows.append(
                (
                    f.id,
                    f.district_kato,
                    f.sector,
                    category,
                    entry.get("current"),
                    entry.get("assessed_on"),
                    bool(f.demo),
                )
            )
    return pd.DataFrame(rows, columns=["id", "district_kato", "sector", "category", "current", "assessed_on", "demo"])


def adapted_share(facilities: pd.DataFrame, by: Sequence[str] = ("district_kato",)) -> pd.DataFrame:
    """Share of assessed objects that are ДП now — and, beside it, ДЧ or ДУ — per group and category.

    Parameters
    ----------
    facilities : DataFrame
        ``tracker.storage.queries.facilities_frame`` (``passport`` is
        ``{category: {current, target, assessed_on}}``).
    by : sequence of str
        Grouping columns, e.g. ``("district_kato",)`` or ``("district_kato", "sector")``;
        ``()`` for the whole selection.

    Returns
    -------
    DataFrame
        ``by`` columns plus ``SHARE_COLUMNS``: ``objects`` (in the group), ``assessed`` (with a
        current state for the category), ``adapted`` (ДП), ``share`` = adapted ÷ assessed
        (NaN when none assessed), ``partly`` (ДЧ or ДУ) and ``partly_share`` = partly ÷ assessed;
        ``year`` spans the assessment dates; ``estimate`` is False (passports are observations);
        ``demo`` when any object is demo.
    """
    states = passport_states(facilities)
    keys = list(by) + ["category"]
    if states.empty:
        return pd.DataFrame(columns=keys + SHARE_COLUMNS[1:])
    states["assessed"] = states["current"].notna()
    states["adapted"] = states["current"].isin(ADAPTED)
    states["partly"] = states["current"].isin(PARTLY)
    states["year_on"] = states["assessed_on"].astype(str).str[:4].where(states["assessed_on"].notna())
    grouped = states.groupby(keys, sort=True)
    out = grouped.agg(
        objects=("id", "nunique"),
        assessed=("assessed", "sum"),
        adapted=("adapted", "sum"),
        partly=("partly", "sum"),
        demo=("demo", "any"),
        first=("year_on", "min"),
        last=("year_on", "max"),
    ).reset_index()
    out["share"] = (out["adapted"] / out["assessed"]).where(out["assessed"] > 0)
    out["partly_share"] = (out["partly"] / out["assessed"]).where(out["assessed"] > 0)
    out["source"] = SOURCE
    out["year"] = [
        year_text(a if a == b else f"{a}…{b}") if isinstance(a, str) else "" for a, b in zip(out["first"], out["last"])
    ]
    out["estimate"] = False
    order = {c: i for i, c in enumerate(CATEGORIES)}
    out = out.sort_values(
        list(by) + ["category"], key=lambda s: s.map(order) if s.name == "category" else s, ignore_index=True
    )
    return out[keys + SHARE_COLUMNS[1:]]


def share_table(shares: pd.DataFrame, index: str = "district_kato", values: str = "share") -> pd.DataFrame:
    """Wide view of ``adapted_share``: one row per ``index`` value, one ``values`` column per category."""
    wide = shares.pivot(index=index, columns="category", values=values)
    return wide.reindex(columns=[c for c in CATEGORIES if c in wide.columns]).reset_index()


def worst_category(shares: pd.DataFrame, min_assessed: int = MIN_ASSESSED) -> pd.DataFrame:
    """The category with the lowest adapted share in each district.

    Only categories with at least ``min_assessed`` assessed objects compete; a tie goes to
    the category listed first on the passport (К, О, С, Г, У).

    Returns
    -------
    DataFrame
        ``district_kato, category, share, assessed``; districts with no category assessed
        enough are left out.
    """
    enough = shares[(shares["assessed"] >= min_assessed) & shares["share"].notna()].copy()
    if enough.empty:
        return pd.DataFrame(columns=["district_kato", "category", "share", "assessed"])
    enough["order"] = enough["category"].map({c: i for i, c in enumerate(CATEGORIES)})
    enough = enough.sort_values(["district_kato", "share", "order"])
    return (
        enough.groupby("district_kato", sort=True)
        .head(1)[["district_kato", "category", "share", "assessed"]]
        .reset_index(drop=True)
    )
