"""Small pieces shared by pages: the scope picker, the demo label, sources, links and charts."""

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from tracker.analytics.timeline import burn_up, plan_vs_actual
from tracker.domain.enums import Stage
from tracker.geo.catalog import DEFAULT_OBLASTS
from tracker.i18n import NBSP, fmt_int, label, t
from tracker.maps.palette import STAGE_COLOURS
from tracker.ui import data
from tracker.ui.data import FacilityFilter

#: Number formats of the charts: a space between thousands and a decimal comma in kk and ru.
CHART_LOCALE = {
    "kk": {"decimal": ",", "thousands": NBSP, "grouping": [3], "currency": ["", f"{NBSP}₸"]},
    "ru": {"decimal": ",", "thousands": NBSP, "grouping": [3], "currency": ["", f"{NBSP}₸"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", f"{NBSP}₸"]},
}
PLAN_COLOUR, DONE_COLOUR, LATE_DONE_COLOUR = "#999999", "#009E73", "#0072B2"


def scope_picker(lang: str, key: str, with_district: bool = False) -> FacilityFilter:
    """Country / oblast (and, if asked, district) and programme year, as a filter for queries."""
    districts = data.districts()
    oblasts = sorted(districts["oblast_en"].unique())
    names = dict(zip(districts["oblast_en"], districts[f"oblast_{lang}"]))
    cols = st.columns(3 if with_district else 2)
    default = [o for o in DEFAULT_OBLASTS if o in oblasts]
    chosen = cols[0].multiselect(
        t("scope.oblasts", lang),
        oblasts,
        default=default,
        format_func=lambda o: names.get(o, o),
        key=f"{key}_oblasts",
        placeholder=t("scope.whole_country", lang),
    )
    katos: list[str] = []
    if with_district:
        inside = districts[districts["oblast_en"].isin(chosen)] if chosen else districts
        district_names = dict(zip(inside["kato"], inside[f"name_{lang}"]))
        katos = cols[1].multiselect(
            t("dashboards.scope.districts", lang),
            list(district_names),
            format_func=lambda k: district_names.get(k, k),
            key=f"{key}_districts",
            placeholder=t("dashboards.scope.all_districts", lang),
        )
    years = cols[-1].multiselect(
        t("scope.years", lang), list(range(2021, 2030)), key=f"{key}_years", placeholder=t("scope.all_years", lang)
    )
    return FacilityFilter(district_katos=tuple(katos), oblast_en=tuple(chosen), program_years=tuple(years))


def demo_notice(frame: pd.DataFrame, lang: str) -> None:
    if len(frame) and frame["demo"].any():
        st.warning(t("app.demo_notice", lang), icon="⚠️")


def register_source(objects: int, demo: int, lang: str) -> str:
    """Where object figures come from, saying how many of them are demo data."""
    text = t("dashboards.source.register", lang, objects=fmt_int(objects, lang))
    if demo:
        text += " " + t("dashboards.source.demo_part", lang, demo=fmt_int(demo, lang))
    return text


def _chart(chart: alt.Chart, lang: str) -> None:
    st.altair_chart(
        chart.configure(locale={"number": CHART_LOCALE[lang]}).configure_legend(orient="bottom", labelLimit=320),
        width="stretch",
    )


def stage_chart(by_stage: dict[str, int], lang: str) -> None:
    """Objects per stage as horizontal bars in the stage colours of the map."""
    title_stage, title_n = t("overview.stage", lang), t("overview.objects", lang)
    table = pd.DataFrame(
        {
            "stage": [label(Stage(s), lang) for s in by_stage],
            "n": list(by_stage.values()),
        }
    )
    colours = [STAGE_COLOURS[Stage(s)] for s in by_stage]
    chart = (
        alt.Chart(table)
        .mark_bar(stroke="#333", strokeWidth=0.5)
        .encode(
            y=alt.Y("stage:N", sort=None, title=title_stage, axis=alt.Axis(labelLimit=220)),
            x=alt.X("n:Q", title=title_n, axis=alt.Axis(format=",d")),
            color=alt.Color("stage:N", scale=alt.Scale(domain=table["stage"].tolist(), range=colours), legend=None),
            tooltip=[alt.Tooltip("stage:N", title=title_stage), alt.Tooltip("n:Q", title=title_n, format=",d")],
        )
    )
    text = chart.mark_text(align="left", dx=3, color="#222").encode(
        text=alt.Text("n:Q", format=",d"), color=alt.value("#222")
    )
    _chart((chart + text).properties(height=260), lang)


def plan_vs_actual_chart(frame: pd.DataFrame, lang: str, today: date) -> pd.DataFrame:
    """Grouped bars per programme year: planned, done by the year's end, done to date."""
    table = plan_vs_actual(frame, today)
    series = {
        "planned": (t("dashboards.chart.planned", lang), PLAN_COLOUR),
        "done_in_year": (t("dashboards.chart.done_in_year", lang), LATE_DONE_COLOUR),
        "done_to_date": (t("dashboards.chart.done_to_date", lang), DONE_COLOUR),
    }
    long = table[list(series)].reset_index().melt("year", var_name="series", value_name="n")
    long["series"] = long["series"].map(lambda s: series[s][0])
    names = [name for name, _ in series.values()]
    title_year, title_n = t("dashboards.chart.year", lang), t("overview.objects", lang)
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=title_year, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("series:N", sort=names),
            y=alt.Y("n:Q", title=title_n, axis=alt.Axis(format=",d")),
            color=alt.Color(
                "series:N", sort=names, title=None, scale=alt.Scale(domain=names, range=[c for _, c in series.values()])
            ),
            tooltip=[
                alt.Tooltip("year:O", title=title_year),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("n:Q", title=title_n, format=",d"),
            ],
        )
        .properties(height=300)
    )
    _chart(chart, lang)
    return table


def burn_up_chart(frame: pd.DataFrame, lang: str, today: date) -> pd.DataFrame:
    """Cumulative completions by month against the cumulative plan; months as mm.yyyy."""
    table = burn_up(frame, today)
    names = {
        "planned": t("dashboards.chart.cumulative_plan", lang),
        "done": t("dashboards.chart.cumulative_done", lang),
    }
    long = table.reset_index().melt("month", var_name="series", value_name="n").dropna()
    long["series"] = long["series"].map(names)
    title_month, title_n = t("dashboards.chart.month", lang), t("overview.objects", lang)
    chart = (
        alt.Chart(long)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(
            x=alt.X("month:T", title=title_month, axis=alt.Axis(format="%m.%Y", labelAngle=0)),
            y=alt.Y("n:Q", title=title_n, axis=alt.Axis(format=",d")),
            color=alt.Color(
                "series:N",
                title=None,
                sort=list(names.values()),
                scale=alt.Scale(domain=list(names.values()), range=[PLAN_COLOUR, DONE_COLOUR]),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                sort=list(names.values()),
                title=None,
                scale=alt.Scale(domain=list(names.values()), range=[[6, 4], [1, 0]]),
            ),
            tooltip=[
                alt.Tooltip("month:T", title=title_month, format="%m.%Y"),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("n:Q", title=title_n, format=",d"),
            ],
        )
        .properties(height=300)
    )
    _chart(chart, lang)
    return table


def line_chart(
    table: pd.DataFrame, columns: dict[str, str], x_title: str, y_title: str, lang: str, colours: list[str]
) -> None:
    """Lines over a YYYY-MM index with translated series names, e.g. Invataxi trips and refusals."""
    long = table[list(columns)].rename(columns=columns).reset_index(names="month")
    long = long.melt("month", var_name="series", value_name="n").dropna()
    names = list(columns.values())
    chart = (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("month:O", title=x_title, sort=list(table.index), axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("n:Q", title=y_title, axis=alt.Axis(format=",d")),
            color=alt.Color("series:N", title=None, sort=names, scale=alt.Scale(domain=names, range=colours)),
            tooltip=[
                alt.Tooltip("month:O", title=x_title),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("n:Q", title=y_title, format=",d"),
            ],
        )
        .properties(height=260)
    )
    _chart(chart, lang)
