"""The gap index: one number per district from Invataxi coverage, rehabilitation reach and the
adapted share, with weights a user can change, and a priority list with the reasons.

Each component is a gap between 0 (no gap) and 1 (the worst):

=====================  ===================================================================
``taxi``               shortfall against the norm: ``1 − vehicles per 1,000 ÷ norm``, within 0…1
``reach_children``     distance from the district's admin centre (or, without one, the
``reach_adults``       population-weighted mean over its settlements) to the nearest operating
                       centre for children / adults: ``km ÷ (2 × reach_km)``, capped at 1 — so
                       0.5 at the reach limit; 1 when no such centre exists at all
``access_<category>``  ``1 − adapted share`` (fully accessible, ДП) of the objects assessed for that category
                       (К wheelchair, О mobility, С vision, Г hearing, У intellectual)
=====================  ===================================================================

The index is the weighted mean of the components the district has data for; its
*completeness* is the weight of those components ÷ all the weight. Below
``min_completeness`` the district has "insufficient data": no index, no rank.
"""

import numpy as np
import pandas as pd

from tracker.analytics.adapted_share import CATEGORIES, MIN_ASSESSED
from tracker.analytics.reach import REACH_KM

COMPONENTS = ("taxi", "reach_children", "reach_adults", *(f"access_{c}" for c in CATEGORIES))
MIN_COMPLETENESS = 0.6
PRESETS: dict[str, dict[str, float]] = {
    "balanced": dict.fromkeys(COMPONENTS, 1.0),
    "wheelchair": {
        "taxi": 3,
        "reach_children": 0.5,
        "reach_adults": 1,
        "access_wheelchair": 3,
        "access_mobility": 1,
        "access_vision": 0,
        "access_hearing": 0,
        "access_intellectual": 0,
    },
    "blind": {
        "taxi": 1,
        "reach_children": 0.5,
        "reach_adults": 1,
        "access_wheelchair": 0,
        "access_mobility": 0,
        "access_vision": 4,
        "access_hearing": 0,
        "access_intellectual": 0,
    },
    "children": {
        "taxi": 1,
        "reach_children": 4,
        "reach_adults": 0,
        "access_wheelchair": 1,
        "access_mobility": 0,
        "access_vision": 0,
        "access_hearing": 0,
        "access_intellectual": 1.5,
    },
}


def _component(frame: pd.DataFrame, key: str, value, gap, source, year, estimate, demo) -> None:
    frame[f"value_{key}"], frame[f"gap_{key}"] = value, gap
    frame[f"source_{key}"], frame[f"year_{key}"] = source, year
    frame[f"estimate_{key}"], frame[f"demo_{key}"] = estimate, demo


def _reach_part(frame: pd.DataFrame, key: str, reach: pd.DataFrame, reach_km: float) -> None:
    r = frame[["kato"]].merge(reach, on="kato", how="left")
    km = r["admin_km"].where(r["admin_km"].notna(), r["mean_km"])
    has_places = r["settlements"].fillna(0) > 0
    # settlements but no eligible centre anywhere: as far as it gets
    km_values = km.to_numpy(dtype=float)
    ratio = np.where(np.isnan(km_values), 1.0, np.nan_to_num(km_values) / (2 * reach_km))
    gap = np.where(has_places.to_numpy(), np.minimum(ratio, 1.0), np.nan)
    _component(
        frame,
        key,
        km.to_numpy(),
        gap,
        r["source"].fillna("").to_numpy(),
        r["year"].fillna("").to_numpy(),
        r["estimate"].fillna(False).astype(bool).to_numpy(),
        r["demo"].fillna(False).astype(bool).to_numpy(),
    )


def gap_components(
    coverage: pd.DataFrame,
    reach_children: pd.DataFrame,
    reach_adults: pd.DataFrame,
    shares: pd.DataFrame,
    reach_km: float = REACH_KM,
    min_assessed: int = MIN_ASSESSED,
) -> pd.DataFrame:
    """The components of the index per district, each with its raw value and provenance.

    Parameters
    ----------
    coverage : DataFrame
        ``tracker.analytics.coverage.invataxi_coverage`` (one row per district: defines the
        districts of the result).
    reach_children, reach_adults : DataFrame
        ``tracker.analytics.reach.district_reach`` for the children's and adults' groups.
    shares : DataFrame
        ``tracker.analytics.adapted_share.adapted_share`` by ``district_kato``.
    reach_km : float
        The reach limit: a distance of ``2 × reach_km`` or more is the full gap.
    min_assessed : int
        Fewer objects assessed for a category than this leaves its component without data.

    Returns
    -------
    DataFrame
        ``kato`` and, for every component in ``COMPONENTS``: ``value_<c>`` (vehicles per 1,000;
        km; adapted share), ``gap_<c>`` (0…1, NaN without data), ``source_<c>``, ``year_<c>``,
        ``estimate_<c>``, ``demo_<c>``; also ``norm_per_1000``.
    """
    frame = pd.DataFrame({"kato": coverage["kato"].to_numpy()})
    norm = coverage["norm_per_1000"].to_numpy(dtype=float)
    ratio = coverage["vehicles_per_1000"].to_numpy(dtype=float)
    _component(
        frame,
        "taxi",
        ratio,
        np.clip(1 - ratio / norm, 0, 1),
        coverage["source"].to_numpy(),
        coverage["year"].to_numpy(),
        coverage["estimate"].to_numpy(dtype=bool),
        coverage["demo"].to_numpy(dtype=bool),
    )
    frame["norm_per_1000"] = norm
    _reach_part(frame, "reach_children", reach_children, reach_km)
    _reach_part(frame, "reach_adults", reach_adults, reach_km)
    for category in CATEGORIES:
        mine = shares[shares["category"] == category].rename(columns={"district_kato": "kato"})
        s = frame[["kato"]].merge(mine, on="kato", how="left")
        enough = s["assessed"].fillna(0) >= max(min_assessed, 1)
        share = s["share"].where(enough)
        _component(
            frame,
            f"access_{category}",
            share.to_numpy(dtype=float),
            (1 - share).to_numpy(dtype=float),
            s["source"].fillna("").to_numpy(),
            s["year"].fillna("").to_numpy(),
            s["estimate"].fillna(False).astype(bool).to_numpy(),
            s["demo"].fillna(False).astype(bool).to_numpy(),
        )
    return frame


def normalise_weights(weights: dict[str, float]) -> dict[str, float]:
    """Weights for every component (missing → 0), refusing negative or all-zero weights."""
    full = {c: float(weights.get(c, 0.0)) for c in COMPONENTS}
    if any(w < 0 or not np.isfinite(w) for w in full.values()):
        raise ValueError("weights must be finite and not negative")
    if sum(full.values()) <= 0:
        raise ValueError("at least one weight must be above zero")
    return full


def gap_index(
    components: pd.DataFrame,
    weights: dict[str, float],
    min_completeness: float = MIN_COMPLETENESS,
    top_reasons: int = 3,
) -> pd.DataFrame:
    """Weighted gap index, data completeness, rank and reasons per district.

    Parameters
    ----------
    components : DataFrame
        ``gap_components``.
    weights : dict
        Component → weight ≥ 0 (e.g. one of ``PRESETS``); missing components weigh 0.
    min_completeness : float
        Share of the weight that must have data for the district to get an index.
    top_reasons : int
        How many components to give as the reasons of a rank.

    Returns
    -------
    DataFrame
        ``kato, index`` (0…1, NaN when insufficient), ``completeness`` (0…1), ``sufficient``,
        ``rank`` (1 = largest gap; NaN when insufficient), ``reasons`` (list of
        ``{"component", "value", "gap", "contribution"}``, largest contribution first),
        ``missing`` (components with weight but no data), ``estimate`` and ``demo`` (any
        weighted component with data is an estimate / demo); sorted by rank, then the
        insufficient districts by KATO.
    """
    w = normalise_weights(weights)
    used = [c for c in COMPONENTS if w[c] > 0]
    total = sum(w[c] for c in used)
    gaps = components[[f"gap_{c}" for c in used]].to_numpy(dtype=float)
    weight_row = np.array([w[c] for c in used])
    has = ~np.isnan(gaps)
    covered = (has * weight_row).sum(axis=1)
    weighted = np.where(has, gaps * weight_row, 0.0)
    completeness = covered / total
    sufficient = completeness >= min_completeness - 1e-12
    with np.errstate(invalid="ignore", divide="ignore"):
        index = np.where(sufficient & (covered > 0), weighted.sum(axis=1) / covered, np.nan)

    out = pd.DataFrame(
        {"kato": components["kato"].to_numpy(), "index": index, "completeness": completeness, "sufficient": sufficient}
    )
    reasons, missing, estimate, demo = [], [], [], []
    for i, row in enumerate(components.itertuples(index=False)):
        parts = [
            {
                "component": c,
                "value": getattr(row, f"value_{c}"),
                "gap": float(gaps[i, j]),
                "contribution": float(weighted[i, j] / total),
            }
            for j, c in enumerate(used)
            if has[i, j] and weighted[i, j] > 0
        ]
        parts.sort(key=lambda p: (-p["contribution"], COMPONENTS.index(p["component"])))
        reasons.append(parts[:top_reasons])
        missing.append([c for j, c in enumerate(used) if not has[i, j]])
        estimate.append(any(getattr(row, f"estimate_{c}") for j, c in enumerate(used) if has[i, j]))
        demo.append(any(getattr(row, f"demo_{c}") for j, c in enumerate(used) if has[i, j]))
    out["reasons"], out["missing"], out["estimate"], out["demo"] = reasons, missing, estimate, demo
    ranked = out[out["sufficient"]].sort_values(["index", "kato"], ascending=[False, True])
    out["rank"] = np.nan
    out.loc[ranked.index, "rank"] = np.arange(1, len(ranked) + 1, dtype=float)
    rest = out[~out["sufficient"]].sort_values("kato")
    return pd.concat([out.loc[ranked.index], rest], ignore_index=True)
