"""Overview: how far the programme is in the chosen area and year, where the money is, what is late."""

from datetime import date

import pandas as pd
import streamlit as st

from tracker.analytics.progress import Summary, is_overdue, summarise
from tracker.analytics.quality import location_quality
from tracker.domain import calendar
from tracker.domain.enums import Stage
from tracker.i18n import fmt_date, fmt_int, fmt_mln, fmt_pct, label, t
from tracker.ui import context, data, links, widgets
from tracker.ui.components.passport_matrix import render_counts
from tracker.ui.data import FacilityFilter

OVERDUE_ROWS = 200


def _scope_text(flt: FacilityFilter, lang: str) -> str:
    districts = data.districts()
    if flt.district_katos:
        names = districts[districts["kato"].isin(flt.district_katos)][f"name_{lang}"]
    elif flt.oblast_en:
        names = districts[districts["oblast_en"].isin(flt.oblast_en)][f"oblast_{lang}"].drop_duplicates()
    else:
        names = pd.Series([t("scope.whole_country", lang)])
    years = ", ".join(str(y) for y in sorted(flt.program_years)) or t("scope.all_years", lang)
    return t("dashboards.overview.scope", lang, area=", ".join(names), years=years)


def _kpis(s: Summary, flt: FacilityFilter, lang: str) -> None:
    if len(flt.program_years) == 1:
        plan_label = t("dashboards.kpi.annual_plan", lang, year=flt.program_years[0])
    else:
        plan_label = t("dashboards.kpi.plan_share", lang)
    cols = st.columns(6)
    cols[0].metric(t("overview.objects", lang), fmt_int(s.objects, lang), help=t("dashboards.kpi.objects_help", lang))
    cols[1].metric(label(Stage.COMPLETED, lang), fmt_int(s.completed, lang))
    cols[2].metric(label(Stage.ACCEPTED, lang), fmt_int(s.accepted, lang))
    cols[3].metric(plan_label, fmt_pct(s.plan_share, lang), help=t("dashboards.kpi.plan_help", lang))
    cols[4].metric(
        t("dashboards.kpi.overdue", lang), fmt_int(s.overdue, lang), help=t("dashboards.kpi.overdue_help", lang)
    )
    cols[5].metric(
        t("overview.execution", lang),
        fmt_pct(s.budget["execution"], lang),
        help=t("dashboards.kpi.execution_help", lang),
    )
    money = st.columns(4)
    for col, kind in zip(money, ("planned", "allocated", "contracted", "spent")):
        col.metric(t(f"overview.budget_{kind}", lang), fmt_mln(s.budget[kind], lang))
    if s.budget["unknown"]:
        st.caption(t("dashboards.kpi.unknown_amounts", lang, n=fmt_int(s.budget["unknown"], lang)))


def _stage_table(s: Summary, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("overview.stage", lang): [label(Stage(v), lang) for v in s.by_stage],
            t("overview.objects", lang): list(s.by_stage.values()),
            t("dashboards.table.share", lang): [
                fmt_pct(n / s.objects if s.objects else None, lang) for n in s.by_stage.values()
            ],
        }
    )


def _year_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("dashboards.chart.year", lang): table.index.astype(str),
            t("dashboards.chart.planned", lang): [fmt_int(v, lang) for v in table["planned"]],
            t("dashboards.table.schedule_share", lang): [fmt_pct(v, lang) for v in table["planned_share"]],
            t("dashboards.chart.done_in_year", lang): [fmt_int(v, lang) for v in table["done_in_year"]],
            t("dashboards.table.share_in_year", lang): [fmt_pct(v, lang) for v in table["share_in_year"]],
            t("dashboards.chart.done_to_date", lang): [fmt_int(v, lang) for v in table["done_to_date"]],
        }
    )


def overdue_table(frame: pd.DataFrame, lang: str, today: date, limit: int = OVERDUE_ROWS) -> pd.DataFrame:
    """The latest objects first: name, district, stage, planned completion, days late, link."""
    late = frame[is_overdue(frame, today)].copy()
    if late.empty:
        return late
    names = dict(zip(data.districts()["kato"], data.districts()[f"name_{lang}"]))
    late["days"] = (pd.Timestamp(today) - pd.to_datetime(late["planned_completion"])).dt.days
    late = late.sort_values(["days", "id"], ascending=[False, True]).head(limit)
    name_col, other = ("name_ru", "name_kk") if lang == "ru" else ("name_kk", "name_ru")
    return pd.DataFrame(
        {
            t("dashboards.table.name", lang): late[name_col].fillna(late[other]),
            t("dashboards.details.district", lang): late["district_kato"].map(names),
            t("overview.stage", lang): late["stage"].map(lambda v: label(Stage(v), lang)),
            t("dashboards.field.planned_completion", lang): late["planned_completion"].map(fmt_date),
            t("dashboards.table.days_late", lang): late["days"].astype(int),
            t("dashboards.table.open", lang): [links.object_url(i, lang) for i in late["id"]],
        }
    )


def render() -> None:
    lang = context.language()
    today = calendar.today()
    st.title(t("overview.title", lang))
    flt = widgets.scope_picker(lang, key="overview", with_district=True)
    frame = data.progress(flt)
    widgets.demo_notice(frame, lang)
    st.caption(_scope_text(flt, lang))
    if frame.empty:
        st.info(t("overview.empty", lang))
        return
    summary = summarise(frame, today)
    source = widgets.register_source(summary.objects, summary.demo, lang)
    _kpis(summary, flt, lang)
    st.caption(
        f"{source} {t('dashboards.kpi.money_note', lang)} " + t("dashboards.kpi.as_of", lang, today=fmt_date(today))
    )
    quality = location_quality(frame)
    if quality.approximate:
        st.caption(
            t(
                "dashboards.kpi.approximate_locations",
                lang,
                n=fmt_int(quality.approximate, lang),
                total=fmt_int(quality.objects, lang),
                share=fmt_pct(quality.share, lang),
            ),
            help=t("dashboards.kpi.approximate_help", lang),
        )

    render_counts(frame, lang, key="overview")
    st.caption(source)

    st.subheader(t("overview.by_stage", lang))
    chart_col, table_col = st.columns([3, 2])
    with chart_col:
        widgets.stage_chart(summary.by_stage, lang)
    table_col.dataframe(_stage_table(summary, lang), hide_index=True, width="stretch", key="overview_stage_table")

    st.subheader(t("dashboards.overview.plan_vs_actual", lang))
    table = widgets.plan_vs_actual_chart(frame, lang, today)
    st.dataframe(_year_table(table, lang), hide_index=True, width="stretch", key="overview_year_table")
    st.caption(t("dashboards.overview.plan_vs_actual_note", lang) + " " + source)

    st.subheader(t("dashboards.overview.burn_up", lang))
    widgets.burn_up_chart(frame, lang, today)
    st.caption(t("dashboards.overview.burn_up_note", lang) + " " + source)

    st.subheader(t("dashboards.overview.overdue", lang, n=fmt_int(summary.overdue, lang)))
    late = overdue_table(frame, lang, today)
    if late.empty:
        st.success(t("dashboards.overview.none_overdue", lang))
    else:
        open_col = t("dashboards.table.open", lang)
        days = t("dashboards.table.days_late", lang)
        st.dataframe(
            late.style.format({days: lambda v: fmt_int(v, lang)}),
            hide_index=True,
            width="stretch",
            key="overview_overdue",
            column_config={
                open_col: st.column_config.LinkColumn(open_col, display_text=t("dashboards.table.open_text", lang))
            },
        )
        if summary.overdue > len(late):
            st.caption(t("dashboards.overview.overdue_more", lang, shown=fmt_int(len(late), lang)))
