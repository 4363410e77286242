"""Rehabilitation centres and Invataxi as layers of the live map: points with plain-text lines.

The script draws them as markers the reader can switch on and off and shows a clicked one's
lines with ``textContent``; nothing here is HTML. `tracker.maps.extras` draws the same lines on
folium maps (escaped there).
"""

import pandas as pd

from tracker.domain.enums import RehabKind, RehabStatus, TargetGroup
from tracker.i18n import display_name, fmt_int, fmt_number, fmt_pct, label, source_text, t


def _month(month: str) -> str:
    year, mm = str(month).split("-")[:2]
    return f"{mm}.{year}"


def _kept(pairs: list[tuple[str, str]]) -> list[list[str]]:
    return [[k, str(v)] for k, v in pairs if v not in (None, "")]


def rehab_lines(row, lang: str) -> list[list[str]]:
    """What a centre's box says: kind, for whom, places, status (opening year), source."""
    groups = ", ".join(label(TargetGroup(g), lang) for g in (row.target_groups or []))
    status = label(RehabStatus(row.status), lang)
    if pd.notna(row.opening_year):
        status += f" ({int(row.opening_year)})"
    return _kept(
        [
            (t("maps.rehab_kind", lang), label(RehabKind(row.kind), lang)),
            (t("maps.rehab_groups", lang), groups),
            (t("maps.rehab_places", lang), fmt_int(row.places, lang)),
            (t("maps.rehab_status", lang), status),
            (t("maps.source", lang), source_text(row.source or "", lang)),
        ]
    )


def invataxi_lines(row: pd.Series, district: pd.Series, lang: str) -> list[list[str]]:
    """What a district's Invataxi box says: vehicles, per 1,000 people, trips, refusals, wait, source."""
    disabled = (district["figures"] or {}).get("disabled_total") or {}
    per_1000 = ""
    if disabled.get("value"):
        per_1000 = fmt_number(row["vehicles"] / disabled["value"] * 1000, lang, 2)
        if disabled.get("estimate"):
            per_1000 += f" ({t('maps.estimate', lang)})"
    period = f"{_month(row['first_month'])}–{_month(row['latest_month'])}"
    refused = fmt_int(row["refused"], lang)
    if pd.notna(row["refusal_rate"]):
        refused += f" ({fmt_pct(row['refusal_rate'], lang)})"
    return _kept(
        [
            (t("maps.taxi_vehicles", lang, month=_month(row["latest_month"])), fmt_int(row["vehicles"], lang)),
            (t("maps.taxi_per_1000", lang), per_1000),
            (t("maps.taxi_trips", lang, period=period), fmt_int(row["trips"], lang)),
            (t("maps.taxi_refused", lang), refused),
            (t("maps.taxi_wait", lang), fmt_number(row["avg_wait_min"], lang, 0)),
            (t("maps.source", lang), source_text(row["source"] or "", lang)),
        ]
    )


def rehab_points(centres: pd.DataFrame, lang: str) -> list[dict]:
    """Centres with a point: ``lat``, ``lon``, ``name``, ``lines`` and ``demo`` (see `rehab_lines`)."""
    return [
        {
            "lat": float(r.lat),
            "lon": float(r.lon),
            "name": str(r.name),
            "lines": rehab_lines(r, lang),
            "demo": bool(r.demo),
        }
        for r in centres.itertuples(index=False)
        if pd.notna(r.lat) and pd.notna(r.lon)
    ]


def invataxi_points(summary: pd.DataFrame, districts: pd.DataFrame, lang: str) -> list[dict]:
    """One point per district reporting Invataxi, at its centre, with its vehicle count.

    Parameters
    ----------
    summary : `tracker.analytics.rollup.invataxi_by_district`.
    districts : districts frame (``kato``, names, ``centre_lat``, ``centre_lon``, ``figures``).
    lang : language of the texts.
    """
    info = districts.set_index("kato")
    points = []
    for kato, row in summary.iterrows():
        if kato not in info.index or pd.isna(info.at[kato, "centre_lat"]):
            continue
        district = info.loc[kato]
        points.append(
            {
                "lat": float(district["centre_lat"]),
                "lon": float(district["centre_lon"]),
                "name": str(display_name(district, lang)),
                "vehicles": int(row["vehicles"]),
                "lines": invataxi_lines(row, district, lang),
                "demo": bool(row["demo"]),
            }
        )
    return points
