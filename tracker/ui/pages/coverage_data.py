"""Reads and shared pieces of the coverage and priorities pages: scope, cached frames, sources."""

import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tracker.analytics.adapted_share import adapted_share
from tracker.analytics.coverage import invataxi_coverage
from tracker.analytics.gap_index import gap_components
from tracker.analytics.reach import district_reach, settlement_reach
from tracker.config import get_settings
from tracker.domain.enums import TargetGroup
from tracker.geo.catalog import DEFAULT_OBLASTS
from tracker.geo.settlements import settlements_for
from tracker.i18n import display_name, fmt_int, source_text, t
from tracker.ui import data


@dataclass(frozen=True)
class Scope:
    """The frames of the chosen oblasts."""

    districts: pd.DataFrame
    facilities: pd.DataFrame
    centres: pd.DataFrame
    reports: pd.DataFrame
    settlements: pd.DataFrame

    @property
    def demo(self) -> bool:
        return any(bool(f["demo"].any()) for f in (self.facilities, self.centres, self.reports) if len(f))


def all_districts() -> pd.DataFrame:
    return data.register_frames()[0]


def oblast_picker(lang: str, key: str) -> tuple[str, ...]:
    """Oblasts to look at (Almaty and Zhetysu by default; none chosen means the whole country)."""
    districts = all_districts()
    oblasts = sorted(districts["oblast_en"].unique())
    names = dict(zip(districts["oblast_en"], display_name(districts, lang, "oblast")))
    chosen = st.multiselect(
        t("coverage.oblasts", lang),
        oblasts,
        default=[o for o in DEFAULT_OBLASTS if o in oblasts],
        format_func=lambda o: names.get(o, o),
        key=f"{key}_oblasts",
        placeholder=t("coverage.whole_country", lang),
    )
    return tuple(chosen)


def scope(oblasts: tuple[str, ...]) -> Scope:
    districts, facilities, centres, reports = data.register_frames()
    if oblasts:
        districts = districts[districts["oblast_en"].isin(oblasts)].reset_index(drop=True)
    katos = set(districts["kato"])
    return Scope(
        districts=districts,
        facilities=facilities[facilities["district_kato"].isin(katos)].reset_index(drop=True),
        centres=centres,  # every centre: the nearest one may stand across an oblast border
        reports=reports[reports["district_kato"].isin(katos)].reset_index(drop=True),
        settlements=settlements_for(districts),
    )


def coverage_of(sc: Scope) -> pd.DataFrame:
    settings = get_settings()
    return invataxi_coverage(
        sc.reports, sc.districts, settings.invataxi_norm_per_1000, settings.invataxi_eligible_share
    )


def components_of(sc: Scope) -> pd.DataFrame:
    """The gap index's components with the configured norm, reach limit and minimum assessed."""
    settings = get_settings()
    reach = {}
    for group in (TargetGroup.CHILDREN, TargetGroup.ADULTS):
        per_settlement = settlement_reach(sc.settlements, sc.centres, group, False, settings.reach_km)
        reach[group] = district_reach(per_settlement, sc.districts, sc.centres, group, False)
    return gap_components(
        coverage_of(sc),
        reach[TargetGroup.CHILDREN],
        reach[TargetGroup.ADULTS],
        adapted_share(sc.facilities),
        settings.reach_km,
        settings.adapted_min_assessed,
    )


def district_names(districts: pd.DataFrame, lang: str) -> dict[str, str]:
    return dict(zip(districts["kato"], display_name(districts, lang)))


def months_text(text: object) -> str:
    """``2024-11…2025-10`` as people here write months: ``11.2024…10.2025``."""
    return re.sub(r"\b(\d{4})-(\d{2})\b", r"\2.\1", str(text)) if isinstance(text, str) else ""


def yes_no(flag: object, lang: str) -> str:
    return t("coverage.yes", lang) if bool(flag) else t("coverage.no", lang)


def sources_caption(frame: pd.DataFrame, lang: str) -> None:
    """Every distinct source of a metric frame, its years, and the estimate / demo labels."""
    sources: list[str] = []
    for text in frame.get("source", pd.Series(dtype=str)).dropna():
        for piece in str(text).split("; "):
            if piece and piece not in sources:
                sources.append(piece)
    parts = [t("coverage.sources", lang, sources=" · ".join(source_text(s, lang) for s in sources) or "–")]
    if "estimate" in frame and frame["estimate"].any():
        parts.append(t("coverage.has_estimates", lang))
    if "demo" in frame and frame["demo"].any():
        parts.append(t("coverage.demo_short", lang))
    st.caption(" ".join(parts))


def fleet_text(first: float, latest: float, lang: str) -> str:
    """The fleet as reported: the latest month's, with the first month's when it changed (``4 → 6``)."""
    if pd.isna(latest):
        return "–"
    if pd.isna(first) or first == latest:
        return fmt_int(latest, lang)
    return f"{fmt_int(first, lang)} → {fmt_int(latest, lang)}"
