"""Where a figure comes from: district figures unpacked with their source, year and estimate flag.

Every metric frame of the coverage analytics carries four provenance columns, built here:
``source`` (the sources, ``; ``-joined), ``year`` (text: a year, or a span of months),
``estimate`` (any input is an estimate) and ``demo`` (any input is demo data).
"""

from collections.abc import Iterable

import pandas as pd

FIGURES = ("population", "disabled_total", "disabled_children", "wheelchair_users", "invataxi_eligible")
PROVENANCE = ("source", "year", "estimate", "demo")
DEMO_MARK = "demo"


def district_figures(districts: pd.DataFrame) -> pd.DataFrame:
    """The ``figures`` JSON of a districts frame as columns.

    Parameters
    ----------
    districts : DataFrame
        ``tracker.storage.queries.districts_frame``: ``kato`` and ``figures``
        (``{name: {value, source, year, estimate}}``).

    Returns
    -------
    DataFrame
        ``kato`` and, for each of ``FIGURES``, ``<name>`` (float, NaN when absent),
        ``<name>_source`` (str), ``<name>_year`` (float, NaN when absent) and
        ``<name>_estimate`` (bool).
    """
    out = pd.DataFrame({"kato": districts["kato"].to_numpy()})
    figures = [f if isinstance(f, dict) else {} for f in districts["figures"]]
    for name in FIGURES:
        cells = [f.get(name) or {} for f in figures]
        out[name] = [float(c["value"]) if "value" in c else float("nan") for c in cells]
        out[f"{name}_source"] = [str(c.get("source") or "") for c in cells]
        out[f"{name}_year"] = [float(c["year"]) if c.get("year") else float("nan") for c in cells]
        out[f"{name}_estimate"] = [bool(c.get("estimate", False)) for c in cells]
    return out


def join_sources(*parts: Iterable[str] | str) -> str:
    """Distinct non-empty sources, in first-seen order, joined with ``; ``."""
    seen: list[str] = []
    for part in parts:
        for text in [part] if isinstance(part, str) else part:
            for piece in str(text).split("; ") if text else ():
                if piece and piece not in seen:
                    seen.append(piece)
    return "; ".join(seen)


def year_text(*years: float | str | None) -> str:
    """Distinct years (ints, or month spans given as text), in first-seen order, ``; ``-joined."""
    seen: list[str] = []
    for y in years:
        if y is None or (isinstance(y, float) and pd.isna(y)) or y == "":
            continue
        text = str(int(y)) if isinstance(y, (int, float)) else str(y)
        if text not in seen:
            seen.append(text)
    return "; ".join(seen)


def month_span(months: Iterable[str]) -> str:
    """``2024-11…2025-10`` for a set of ``YYYY-MM`` months, or the single month."""
    months = sorted(m for m in months if m)
    if not months:
        return ""
    return months[0] if months[0] == months[-1] else f"{months[0]}…{months[-1]}"
