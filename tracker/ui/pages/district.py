"""One district (``?kato=``): its people, objects, charts, rehabilitation centres and Invataxi."""

import re
from datetime import date

import pandas as pd
import streamlit as st

from tracker.analytics.invataxi_base import eligible_base
from tracker.analytics.progress import is_overdue, summarise
from tracker.analytics.sourced import district_figures
from tracker.analytics.timeline import invataxi_monthly
from tracker.config import get_settings
from tracker.domain import calendar
from tracker.domain.enums import RehabKind, RehabStatus, Sector, Stage, TargetGroup
from tracker.i18n import (
    fmt_date,
    fmt_figure,
    fmt_int,
    fmt_mln,
    fmt_money,
    fmt_number,
    fmt_pct,
    label,
    source_text,
    t,
)
from tracker.io import svg
from tracker.maps.palette import STAGE_COLOURS
from tracker.ui import context, data, links, widgets
from tracker.ui.components.facility_details import render_facility_details
from tracker.ui.components.passport_matrix import render_counts
from tracker.ui.data import FacilityFilter
from tracker.ui.markdown import md_escape

PICK_KEY = "district_pick"
FIGURES = ("population", "disabled_total", "disabled_children", "wheelchair_users")
_KATO = re.compile(r"^\d{9}$")


def parse_kato(raw: object) -> str | None:
    """A KATO district code from the URL: nine ASCII digits, else None."""
    text = str(raw).strip() if raw is not None else ""
    return text if text.isascii() and _KATO.match(text) else None


def _pick(districts: pd.DataFrame, lang: str, wanted: str | None) -> str | None:
    """The district picker: it opens on the URL's district and writes a new choice to the URL.

    Its key names the district it opened on, so a link to another district (same session)
    gets a fresh picker at that district instead of the old choice.
    """
    names = {
        k: f"{n} — {o}" for k, n, o in zip(districts["kato"], districts[f"name_{lang}"], districts[f"oblast_{lang}"])
    }
    options = list(names)
    key = f"{PICK_KEY}_{wanted or 'none'}"

    def follow() -> None:
        chosen = st.session_state.get(key)
        if chosen:
            st.query_params["kato"] = chosen

    return st.selectbox(
        t("dashboards.district.pick", lang),
        options,
        format_func=names.get,
        key=key,
        index=options.index(wanted) if wanted in names else None,
        on_change=follow,
        placeholder=t("dashboards.district.pick_placeholder", lang),
    )


def _figure_caption(figure: dict, lang: str) -> str:
    note = t(
        "dashboards.district.figure_source",
        lang,
        source=md_escape(source_text(figure.get("source") or "–", lang)),
        year=figure.get("year", "–"),
    )
    return note + (" " + t("dashboards.district.estimate", lang) if figure.get("estimate") else "")


def _people(row: pd.Series, lang: str) -> dict:
    figures = row["figures"] or {}
    cols = st.columns(len(FIGURES))
    for col, name in zip(cols, FIGURES):
        figure = figures.get(name)
        with col:
            value = fmt_figure(figure["value"], bool(figure.get("estimate")), lang) if figure else "–"
            st.metric(t(f"dashboards.district.{name}", lang), value)
            st.caption(_figure_caption(figure, lang) if figure else t("dashboards.district.no_figure", lang))
    return figures


def _objects_table(frame: pd.DataFrame, lang: str, today: date):
    name_col, other = ("name_ru", "name_kk") if lang == "ru" else ("name_kk", "name_ru")
    c = {
        k: t(k, lang)
        for k in (
            "dashboards.table.name",
            "dashboards.field.sector",
            "overview.stage",
            "dashboards.table.year",
            "dashboards.field.planned_completion",
            "overview.budget_planned",
            "overview.budget_spent",
            "overview.execution",
            "dashboards.kpi.overdue",
            "dashboards.table.open",
        )
    }
    execution = (frame["budget_spent"] / frame["budget_allocated"]).where(frame["budget_allocated"] > 0)
    # The link, stage and lateness come first so that they show without scrolling sideways.
    table = pd.DataFrame(
        {
            c["dashboards.table.name"]: frame[name_col].fillna(frame[other]),
            c["dashboards.table.open"]: [links.object_url(i, lang) for i in frame["id"]],
            c["overview.stage"]: frame["stage"].map(lambda v: label(Stage(v), lang)),
            c["dashboards.kpi.overdue"]: is_overdue(frame, today).map(
                {True: "⚠ " + t("dashboards.yes", lang), False: ""}
            ),
            c["dashboards.field.planned_completion"]: pd.to_datetime(frame["planned_completion"], errors="coerce"),
            c["overview.budget_planned"]: frame["budget_planned"],
            c["overview.budget_spent"]: frame["budget_spent"],
            c["overview.execution"]: execution,
            c["dashboards.table.year"]: frame["program_year"].astype(int),
            c["dashboards.field.sector"]: frame["sector"].map(lambda v: label(Sector(v), lang)),
        }
    ).reset_index(drop=True)
    # The styler shows ₸ and dates in the page's language while the columns sort as numbers and dates.
    styled = table.style.format(
        {
            c["dashboards.field.planned_completion"]: fmt_date,
            c["overview.budget_planned"]: lambda v: fmt_money(v, lang),
            c["overview.budget_spent"]: lambda v: fmt_money(v, lang),
            c["overview.execution"]: lambda v: fmt_pct(v, lang),
        }
    )
    config = {
        c["dashboards.table.name"]: st.column_config.TextColumn(width="medium"),
        c["dashboards.table.year"]: st.column_config.NumberColumn(width="small", format="%d"),
        c["overview.execution"]: st.column_config.Column(width="small"),
        c["dashboards.kpi.overdue"]: st.column_config.Column(width="small"),
        c["dashboards.table.open"]: st.column_config.LinkColumn(
            width="small", display_text=t("dashboards.table.open_text", lang)
        ),
    }
    return styled, config


def _objects(kato: str, lang: str, today: date) -> None:
    flt = FacilityFilter(district_katos=(kato,))
    frame = data.progress(flt)
    st.subheader(t("dashboards.district.objects", lang))
    if frame.empty:
        st.info(t("overview.empty", lang))
        return
    s = summarise(frame, today)
    source = widgets.register_source(s.objects, s.demo, lang)
    first, second = st.columns(3), st.columns(3)
    first[0].metric(t("overview.objects", lang), fmt_int(s.objects, lang))
    first[1].metric(t("overview.done", lang), fmt_int(s.done, lang))
    first[2].metric(
        t("dashboards.kpi.plan_share", lang), fmt_pct(s.plan_share, lang), help=t("dashboards.kpi.plan_help", lang)
    )
    second[0].metric(
        t("dashboards.kpi.overdue", lang), fmt_int(s.overdue, lang), help=t("dashboards.kpi.overdue_help", lang)
    )
    second[1].metric(
        t("overview.budget_spent", lang),
        fmt_mln(s.budget["spent"], lang),
        help=t(
            "dashboards.district.budget_help",
            lang,
            planned=fmt_mln(s.budget["planned"], lang),
            allocated=fmt_mln(s.budget["allocated"], lang),
        ),
    )
    second[2].metric(
        t("overview.execution", lang),
        fmt_pct(s.budget["execution"], lang),
        help=t("dashboards.kpi.execution_help", lang),
    )
    if s.budget["unknown"]:
        st.caption(t("dashboards.kpi.unknown_amounts", lang, n=fmt_int(s.budget["unknown"], lang)))
    st.caption(source)
    render_counts(frame, lang, key="district", by_category=False)

    chart_stage, chart_year = st.columns(2)
    with chart_stage:
        st.markdown(f"**{t('overview.by_stage', lang)}**")
        widgets.stage_chart(s.by_stage, lang)
    with chart_year:
        st.markdown(f"**{t('dashboards.overview.plan_vs_actual', lang)}**")
        widgets.plan_vs_actual_chart(frame, lang, today)

    search_col, stage_col = st.columns([2, 3])
    needle = (
        search_col.text_input(t("dashboards.district.search", lang), key="district_search", max_chars=100)
        .strip()
        .casefold()
    )
    wanted = stage_col.multiselect(
        t("dashboards.district.stage_filter", lang),
        [x.value for x in Stage],
        format_func=lambda v: label(Stage(v), lang),
        key="district_stages",
        placeholder=t("dashboards.district.all_stages", lang),
    )
    shown = frame
    if needle:
        # Plain substring search (no regex): what people type is matched as typed.
        haystack = (
            frame["name_kk"].fillna("") + " " + frame["name_ru"].fillna("") + " " + frame["external_id"].fillna("")
        ).str.casefold()
        shown = shown[haystack.str.contains(needle, regex=False)]
    if wanted:
        shown = shown[shown["stage"].isin(wanted)]
    shown = shown.sort_values("id")
    st.caption(t("dashboards.district.shown", lang, shown=fmt_int(len(shown), lang), total=fmt_int(len(frame), lang)))
    styled, config = _objects_table(shown, lang, today)
    picked = st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        column_config=config,
        key="district_objects",
        on_select="rerun",
        selection_mode="single-row",
    )
    rows = picked.selection.rows if picked is not None and hasattr(picked, "selection") else []
    if rows:
        with st.container(border=True):
            render_facility_details(int(shown["id"].iloc[rows[0]]), lang, today=today)
    else:
        st.caption(t("dashboards.district.select_hint", lang))


def _rehab(kato: str, lang: str) -> None:
    st.subheader(t("dashboards.district.rehab", lang))
    centres = data.rehab_centres()
    centres = centres[centres["district_kato"] == kato].sort_values("name")
    if centres.empty:
        st.info(t("dashboards.district.no_rehab", lang))
        return
    table = pd.DataFrame(
        {
            t("dashboards.table.name", lang): centres["name"],
            t("dashboards.rehab.kind", lang): centres["kind"].map(lambda v: label(RehabKind(v), lang)),
            t("dashboards.rehab.status", lang): centres["status"].map(lambda v: label(RehabStatus(v), lang)),
            t("dashboards.rehab.places", lang): centres["places"].map(lambda v: fmt_int(v, lang)),
            t("dashboards.rehab.opening_year", lang): centres["opening_year"].map(
                lambda v: str(int(v)) if pd.notna(v) else "–"
            ),
            t("dashboards.rehab.groups", lang): centres["target_groups"].map(
                lambda gs: ", ".join(label(TargetGroup(g), lang) for g in gs or [])
            ),
            t("dashboards.table.source", lang): [
                (t("dashboards.demo_mark", lang) + " " if demo else "") + (source_text(src, lang) or "–")
                for src, demo in zip(centres["source"], centres["demo"])
            ],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="district_rehab",
        column_config={
            t("dashboards.table.name", lang): st.column_config.TextColumn(width="large"),
            t("dashboards.table.source", lang): st.column_config.TextColumn(width="medium"),
        },
    )


def _invataxi(kato: str, lang: str, figures: dict) -> None:
    st.subheader(t("dashboards.district.invataxi", lang))
    reports = data.invataxi_reports()
    reports = reports[reports["district_kato"] == kato]
    if reports.empty:
        st.info(t("dashboards.district.no_invataxi", lang))
        return
    monthly = invataxi_monthly(reports)
    last_month = monthly.index[-1]
    latest = monthly.iloc[-1]
    registered = (figures.get("disabled_total") or {}).get("value")
    per_1000 = latest["vehicles"] / registered * 1000 if registered else None
    share = get_settings().invataxi_eligible_share
    base = eligible_base(district_figures(pd.DataFrame({"kato": [kato], "figures": [figures]})), share).iloc[0]
    per_eligible = latest["vehicles"] / base.eligible * 1000 if base.eligible > 0 else None
    month_text = f"{last_month[5:7]}.{last_month[:4]}"
    cols = st.columns(5)
    cols[0].metric(t("dashboards.invataxi.vehicles", lang), fmt_int(latest["vehicles"], lang))
    cols[1].metric(
        t("dashboards.invataxi.per_eligible", lang),
        fmt_number(per_eligible, lang, 1),
        help=t(
            "dashboards.invataxi.per_eligible_help",
            lang,
            eligible=fmt_figure(base.eligible, bool(base.eligible_estimate), lang),
            registered=fmt_number(per_1000, lang, 2),
        ),
    )
    cols[2].metric(t("dashboards.invataxi.trips", lang, month=month_text), fmt_int(latest["trips"], lang))
    cols[3].metric(
        t("dashboards.invataxi.refused", lang),
        fmt_int(latest["refused"], lang),
        help=fmt_pct(latest["refusal_rate"], lang, 1),
    )
    cols[4].metric(t("dashboards.invataxi.wait", lang), fmt_number(latest["avg_wait_min"], lang, 0))
    trend = monthly.copy()
    trend.index = [f"{m[5:7]}.{m[:4]}" for m in trend.index]
    widgets.line_chart(
        trend,
        {
            "trips": t("dashboards.invataxi.trips_series", lang),
            "refused": t("dashboards.invataxi.refused_series", lang),
        },
        t("dashboards.chart.month", lang),
        t("dashboards.invataxi.count", lang),
        lang,
        ["#0072B2", "#D55E00"],
    )
    sources = sorted({s for s in reports["source"].dropna()})
    demo = bool(reports["demo"].any())
    st.caption(
        t(
            "dashboards.invataxi.source",
            lang,
            months=fmt_int(len(monthly), lang),
            source=md_escape(source_text("; ".join(sources), lang) or "–"),
        )
        + (" " + t("dashboards.demo_mark", lang) if demo else "")
    )


def _outline(kato: str, lang: str) -> None:
    """The district's real outline (or its labelled approximate area) with its objects by stage."""
    bounds = context.boundaries()
    shape = bounds.frame.loc[bounds.frame["kato"] == kato, "geometry"]
    if shape.empty:
        return
    frame = data.facilities(FacilityFilter(district_katos=(kato,)))
    placed = frame.dropna(subset=["lat", "lon"])
    points = [(lat, lon, STAGE_COLOURS[Stage(s)]) for lat, lon, s in zip(placed["lat"], placed["lon"], placed["stage"])]
    approximate = kato in bounds.approximate_katos
    st.subheader(t("io.report.map", lang))
    st.image(svg.district_map(shape.iloc[0], points, width=640, height=380, dashed=approximate))
    source = t("maps.approximate_source", lang) if approximate else bounds.source
    st.caption(t("maps.credit", lang, source=md_escape(source)))


def render() -> None:
    lang = context.language()
    today = calendar.today()
    districts = data.districts()
    raw = st.query_params.get("kato")
    kato = parse_kato(raw)
    known = kato is not None and kato in set(districts["kato"])
    title = st.empty()  # the title comes first on the page, but names the district picked below it
    chosen = _pick(districts, lang, kato if known else None)
    if chosen is None:
        title.title(t("dashboards.district.title", lang))
        if raw is not None and not known:
            st.error(t("dashboards.district.unknown", lang, value=md_escape(str(raw)[:40])))
        else:
            st.info(t("dashboards.district.choose", lang))
        return
    row = districts.set_index("kato").loc[chosen]
    title.title(md_escape(row[f"name_{lang}"]))
    st.caption(
        t(
            "dashboards.district.subtitle",
            lang,
            oblast=row[f"oblast_{lang}"],
            kato=chosen,
            centre=md_escape(row["admin_centre"] if isinstance(row["admin_centre"], str) else "–"),
        )
    )
    figures = _people(row, lang)
    _outline(chosen, lang)
    _objects(chosen, lang, today)
    _rehab(chosen, lang)
    _invataxi(chosen, lang, figures)
    links.page_link("overview", t("dashboards.district.back", lang), lang, icon=":material/arrow_back:")
