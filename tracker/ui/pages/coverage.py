"""Coverage: Invataxi per district, rehabilitation reach, the adapted share per category."""

import re

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from tracker.analytics.adapted_share import adapted_share, share_table, worst_category
from tracker.analytics.coverage import monthly_trend, ranked, refusal_reasons, region_totals
from tracker.analytics.reach import district_reach, eligible_centres, planned_effect, region_reach, settlement_reach
from tracker.config import get_settings
from tracker.domain.enums import DisabilityCategory, RefusalReason, Sector, TargetGroup
from tracker.i18n import display_name, fmt_figure, fmt_int, fmt_number, fmt_pct, label, source_text, t
from tracker.maps.coverage import build_invataxi_map, build_reach_map
from tracker.services.boundaries import boundaries_geojson
from tracker.ui import context
from tracker.ui.pages import coverage_data as cd

VIEWS = ("invataxi", "reach", "adapted")
REACH_GROUPS = tuple(
    g.value for g in (TargetGroup.CHILDREN, TargetGroup.ADULTS, TargetGroup.PSYCHONEUROLOGICAL, TargetGroup.AUTISM)
)


def render() -> None:
    lang = context.language()
    st.title(t("coverage.title", lang))
    sc = cd.scope(cd.oblast_picker(lang, "coverage"))
    if sc.demo:
        st.warning(t("coverage.demo_notice", lang), icon="⚠️")
    view = st.radio(
        t("coverage.view", lang),
        VIEWS,
        format_func=lambda v: t(f"coverage.view_{v}", lang),
        horizontal=True,
        key="coverage_view",
    )
    if sc.districts.empty:
        st.info(t("coverage.empty", lang))
        return
    {"invataxi": _invataxi, "reach": _reach, "adapted": _adapted}[view](sc, lang)


def _boundaries(lang: str) -> tuple[dict, bool, str]:
    bounds = context.boundaries()
    credit = t("maps.approximate_source", lang) if bounds.approximate else bounds.source
    return boundaries_geojson(bounds), bounds.approximate, credit


def _invataxi(sc: cd.Scope, lang: str) -> None:
    norm = get_settings().invataxi_norm_per_1000
    coverage = cd.coverage_of(sc)
    totals = region_totals(coverage, norm)
    cols = st.columns(3)
    cols[0].metric(t("coverage.taxi.vehicles", lang), fmt_int(totals["vehicles"], lang))
    cols[1].metric(
        t("coverage.taxi.eligible", lang),
        fmt_figure(totals["eligible"], bool(coverage["eligible_estimate"].any()), lang),
        help=t("coverage.taxi.eligible_help", lang),
    )
    cols[2].metric(
        t("coverage.taxi.per_1000_eligible", lang),
        fmt_number(totals["vehicles_per_1000_eligible"], lang, 1),
        help=t("coverage.taxi.per_1000_eligible_help", lang),
    )
    cols = st.columns(3)
    cols[0].metric(t("coverage.taxi.registered", lang), fmt_int(totals["disabled_total"], lang))
    cols[1].metric(
        t("coverage.taxi.per_1000", lang),
        fmt_number(totals["vehicles_per_1000"], lang, 2),
        help=t("coverage.taxi.norm_help", lang, norm=fmt_number(norm, lang, 2)),
    )
    cols[2].metric(
        t("coverage.taxi.below_norm", lang),
        f"{fmt_int(totals['below_norm'], lang)} / {fmt_int(totals['districts'], lang)}",
    )
    st.info(t("coverage.taxi.norm_text", lang, norm=fmt_number(norm, lang, 2)))

    geojson, approximate, credit = _boundaries(lang)
    fmap = build_invataxi_map(coverage, geojson, sc.districts, lang, approximate, credit)
    st_folium(fmap, returned_objects=[], key="coverage_taxi_map", height=560, use_container_width=True)

    st.subheader(t("coverage.taxi.ranked", lang))
    names = cd.district_names(sc.districts, lang)
    rows = []
    for r in ranked(coverage).itertuples(index=False):
        rows.append(
            {
                t("coverage.col.district", lang): names.get(r.kato, r.kato),
                t("coverage.taxi.col_vehicles", lang): cd.fleet_text(r.vehicles_first, r.vehicles, lang),
                t("coverage.taxi.col_eligible", lang): fmt_figure(r.eligible, r.eligible_estimate, lang),
                t("coverage.taxi.col_per_1000_eligible", lang): fmt_number(r.vehicles_per_1000_eligible, lang, 1),
                t("coverage.taxi.col_trips_per_eligible", lang): fmt_number(r.trips_per_eligible_year, lang, 1),
                t("coverage.taxi.col_registered", lang): fmt_figure(r.disabled_total, r.disabled_total_estimate, lang),
                t("coverage.taxi.col_per_1000", lang): fmt_number(r.vehicles_per_1000, lang, 3),
                t("coverage.taxi.col_per_100_wheelchair", lang): fmt_number(r.vehicles_per_100_wheelchair, lang, 2),
                t("coverage.taxi.col_status", lang): _norm_status(r.below_norm, r.vehicles_short, lang),
                t("coverage.taxi.col_trips_per_vehicle", lang): fmt_number(r.trips_per_vehicle, lang, 0),
                t("coverage.taxi.col_refusal_rate", lang): fmt_pct(r.refusal_rate, lang, 1),
                t("coverage.taxi.col_wait", lang): fmt_number(r.avg_wait_min, lang, 0),
                t("coverage.col.year", lang): cd.months_text(r.year) or "–",
                t("coverage.col.estimate", lang): cd.yes_no(r.estimate, lang),
                t("coverage.col.demo", lang): cd.yes_no(r.demo, lang),
                t("coverage.col.source", lang): source_text(r.source, lang) or "–",
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="coverage_taxi_table")
    cd.sources_caption(coverage, lang)

    katos = set(sc.districts["kato"])
    left, right = st.columns(2)
    with left:
        st.subheader(t("coverage.taxi.reasons", lang))
        reasons = refusal_reasons(sc.reports, katos)
        st.dataframe(
            pd.DataFrame(
                {
                    t("coverage.taxi.col_reason", lang): [label(RefusalReason(r), lang) for r in reasons["reason"]],
                    t("coverage.taxi.col_refused", lang): [fmt_int(n, lang) for n in reasons["refused"]],
                    t("coverage.taxi.col_share", lang): [fmt_pct(s, lang) for s in reasons["share"]],
                }
            ),
            hide_index=True,
            width="stretch",
            key="coverage_reasons_table",
        )
    with right:
        st.subheader(t("coverage.taxi.trend", lang))
        trend = monthly_trend(sc.reports, katos)
        if len(trend):
            chart = pd.DataFrame(
                {
                    # YYYY-MM: the chart orders its axis as text, and mm.yyyy would put 01.2025 before 11.2024
                    t("coverage.taxi.col_month", lang): trend["month"],
                    t("coverage.taxi.col_trips", lang): trend["trips"],
                    t("coverage.taxi.col_refused", lang): trend["refused"],
                }
            ).set_index(t("coverage.taxi.col_month", lang))
            st.line_chart(chart)
            st.caption(
                t(
                    "coverage.taxi.trend_wait",
                    lang,
                    first=fmt_number(trend["avg_wait_min"].iloc[0], lang, 0),
                    last=fmt_number(trend["avg_wait_min"].iloc[-1], lang, 0),
                    months=cd.months_text(f"{trend['month'].iloc[0]}…{trend['month'].iloc[-1]}"),
                )
            )
        else:
            st.info(t("coverage.taxi.no_reports", lang))
    with st.expander(t("coverage.taxi.ada_title", lang)):
        st.markdown(t("coverage.taxi.ada_text", lang))


def _norm_status(below: object, short: float, lang: str) -> str:
    if below is None or pd.isna(below):
        return t("coverage.insufficient", lang)
    if below:
        return t("coverage.taxi.below", lang, n=fmt_int(short, lang))
    return t("coverage.taxi.meets", lang)


def _reach(sc: cd.Scope, lang: str) -> None:
    settings = get_settings()
    left, mid, right = st.columns([2, 2, 1])
    group = left.selectbox(
        t("coverage.reach.group", lang),
        REACH_GROUPS,
        format_func=lambda g: label(TargetGroup(g), lang),
        key="coverage_reach_group",
    )
    reach_km = mid.slider(
        t("coverage.reach.limit", lang), 10, 300, int(settings.reach_km), step=5, key="coverage_reach_km"
    )
    with_planned = right.toggle(t("coverage.reach.with_planned", lang), key="coverage_with_planned")
    reach = settlement_reach(sc.settlements, sc.centres, group, with_planned, reach_km)
    totals = region_reach(reach)
    now = region_reach(settlement_reach(sc.settlements, sc.centres, group, False, reach_km))
    cols = st.columns(3)
    cols[0].metric(
        t("coverage.reach.settlements_beyond", lang, km=fmt_int(reach_km, lang)),
        f"{fmt_int(totals['settlements_beyond'], lang)} / {fmt_int(totals['settlements'], lang)}",
        delta=_delta(totals["settlements_beyond"] - now["settlements_beyond"], lang) if with_planned else None,
        delta_color="inverse",
    )
    cols[1].metric(
        t("coverage.reach.population_beyond", lang),
        fmt_int(totals["population_beyond"], lang),
        delta=_delta(totals["population_beyond"] - now["population_beyond"], lang) if with_planned else None,
        delta_color="inverse",
        help=t("coverage.reach.population_help", lang, listed=fmt_int(totals["population_listed"], lang)),
    )
    eligible = eligible_centres(sc.centres, group, with_planned)
    cols[2].metric(t("coverage.reach.centres", lang), fmt_int(len(eligible), lang))

    geojson, approximate, credit = _boundaries(lang)
    katos = set(sc.districts["kato"])
    shown = sc.centres[
        sc.centres["district_kato"].isin(katos) | sc.centres["id"].isin(set(reach["centre_id"].dropna()))
    ]
    fmap = build_reach_map(shown, reach, set(eligible["id"]), reach_km, geojson, lang, approximate, credit)
    st_folium(fmap, returned_objects=[], key="coverage_reach_map", height=600, use_container_width=True)

    st.subheader(t("coverage.reach.by_district", lang))
    per_district = district_reach(reach, sc.districts, sc.centres, group, with_planned)
    names = cd.district_names(sc.districts, lang)
    rows = [
        {
            t("coverage.col.district", lang): names.get(r.kato, r.kato),
            t("coverage.reach.col_admin_km", lang): fmt_number(r.admin_km, lang, 0),
            t("coverage.reach.col_max_km", lang): fmt_number(r.max_km, lang, 0),
            t(
                "coverage.reach.col_beyond", lang
            ): f"{fmt_int(r.settlements_beyond, lang)} / {fmt_int(r.settlements, lang)}",
            t("coverage.reach.col_population_beyond", lang): fmt_int(r.population_beyond, lang),
            t("coverage.reach.col_places", lang): _places(r, lang),
            t("coverage.reach.col_places_per_10000", lang): fmt_number(r.places_per_10000, lang, 1),
            t("coverage.col.year", lang): r.year or "–",
            t("coverage.col.estimate", lang): cd.yes_no(r.estimate, lang),
            t("coverage.col.demo", lang): cd.yes_no(r.demo, lang),
            t("coverage.col.source", lang): source_text(r.source, lang) or "–",
        }
        for r in per_district.sort_values(["admin_km", "kato"], ascending=[False, True]).itertuples(index=False)
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="coverage_reach_table")
    st.caption(t("coverage.reach.method", lang, km=fmt_int(reach_km, lang)))
    cd.sources_caption(per_district, lang)

    st.subheader(t("coverage.reach.planned_title", lang))
    effect = planned_effect(sc.settlements, sc.centres, group, reach_km)
    gained = effect[effect["newly_reached"]]
    if gained.empty:
        st.info(t("coverage.reach.planned_none", lang))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("coverage.reach.col_settlement", lang): [display_name(r, lang) for r in gained.itertuples()],
                    t("coverage.col.district", lang): [names.get(k, k) for k in gained["district_kato"]],
                    t("coverage.reach.col_km_now", lang): [fmt_number(v, lang, 0) for v in gained["km_now"]],
                    t("coverage.reach.col_km_planned", lang): [
                        fmt_number(v, lang, 0) for v in gained["km_with_planned"]
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            key="coverage_planned_table",
        )


def _delta(change: float, lang: str) -> str | None:
    return None if not change else ("+" if change > 0 else "−") + fmt_int(abs(change), lang)


def _places(r, lang: str) -> str:
    text = fmt_int(r.places, lang)
    if r.places_unknown:
        text += " " + t("coverage.reach.places_unknown", lang, n=fmt_int(r.places_unknown, lang))
    return text


def _share_rows(wide, names, assessed, lang: str, worst=None) -> list[dict]:
    """One row per district: objects, a share per category, and (for the ДП table) the worst category."""
    categories = [c for c in DisabilityCategory if c.value in wide.columns]
    rows = []
    for r in wide.itertuples(index=False):
        kato = r.district_kato
        row = {
            t("coverage.col.district", lang): names.get(kato, kato),
            t("coverage.adapted.col_objects", lang): fmt_int(assessed.get(kato, 0), lang),
        }
        for c in categories:
            value = getattr(r, c.value)
            row[c.code] = fmt_pct(value, lang) if pd.notna(value) else "–"
        if worst is not None:
            row[t("coverage.adapted.col_worst", lang)] = (
                f"{DisabilityCategory(worst.at[kato, 'category']).code} ({fmt_pct(worst.at[kato, 'share'], lang)})"
                if kato in worst.index
                else t("coverage.insufficient", lang)
            )
        rows.append(row)
    return rows


def _adapted(sc: cd.Scope, lang: str) -> None:
    min_assessed = get_settings().adapted_min_assessed
    sectors = ["", *(s.value for s in Sector)]
    sector = st.selectbox(
        t("coverage.adapted.sector", lang),
        sectors,
        key="coverage_sector",
        format_func=lambda s: label(Sector(s), lang) if s else t("coverage.adapted.all_sectors", lang),
    )
    facilities = sc.facilities[sc.facilities["sector"] == sector] if sector else sc.facilities
    shares = adapted_share(facilities)
    if shares.empty:
        st.info(t("coverage.adapted.none", lang))
        return
    worst = worst_category(shares, min_assessed).set_index("district_kato")
    assessed = shares.groupby("district_kato")["objects"].max()
    names = cd.district_names(sc.districts, lang)
    full = _share_rows(share_table(shares), names, assessed, lang, worst)
    st.dataframe(pd.DataFrame(full), hide_index=True, width="stretch", key="coverage_adapted_table")
    st.caption(
        t(
            "coverage.adapted.legend",
            lang,
            categories=" · ".join(label(c, lang) for c in DisabilityCategory),
            n=fmt_int(min_assessed, lang),
        )
    )
    st.markdown(f"**{t('passport.coverage.partly_title', lang)}**")
    partly = _share_rows(share_table(shares, values="partly_share"), names, assessed, lang)
    st.dataframe(pd.DataFrame(partly), hide_index=True, width="stretch", key="coverage_partly_table")
    st.caption(t("passport.count.partly_def", lang))
    st.caption(t("passport.count.source", lang))
    cd.sources_caption(shares, lang)
    years = sorted({int(y) for text in shares["year"] for y in re.findall(r"\d{4}", str(text))})
    if years:
        span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
        st.caption(t("coverage.adapted.assessed_years", lang, years=span))
