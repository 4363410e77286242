"""The passport per functional zone: the grid in the edit form, the matrix on the object page,
and the counts "adapted as the ministry counts" for the overview, coverage and district pages."""

import pandas as pd
import streamlit as st

from tracker.analytics.passport_counts import PassportCounts, passport_counts
from tracker.domain.enums import DisabilityCategory, Measure, PassportState
from tracker.domain.facility import Facility
from tracker.domain.passport import Zone, ZoneAssessment
from tracker.i18n import fmt_int, fmt_pct, label, t
from tracker.ui.components.facility_details import STATE_STYLE, passport_legend, state_text

STATES = [None, *PassportState]


def _code(state: PassportState | None) -> str:
    return state.code if state else "–"


def zone_name(zone: Zone, lang: str) -> str:
    return t(f"visits.zone.{zone.value}", lang)


def conclusion_text(facility: Facility, lang: str) -> str:
    return facility.conclusion or t("passport.conclusion_none", lang)


def _cell(current: PassportState | None, target: PassportState | None) -> str:
    if current is None and target is None:
        return "–"
    now = state_text(current, "kk", short=True)
    return now if target is None else f"{now} → {target.code}"


def _cell_style(value: str) -> str:
    for symbol, colour in STATE_STYLE.values():
        if value.startswith(f"{symbol} "):
            return f"background-color: {colour}"
    return ""


def matrix_table(zones: dict[Zone, ZoneAssessment], lang: str):
    """Zones × categories (``◕ ДЧ → ДП``: now → target), with each zone's measures needed and done."""
    rows = []
    for zone in Zone:
        assessed = zones.get(zone) or ZoneAssessment()
        row = {t("passport.matrix.zone", lang): zone_name(zone, lang)}
        for category in DisabilityCategory:
            state = assessed.states.get(category)
            row[category.code] = _cell(state.current, state.target) if state else "–"
        row[t("passport.matrix.measures", lang)] = ", ".join(label(m, lang) for m in assessed.measures) or "–"
        row[t("passport.matrix.measures_done", lang)] = ", ".join(label(m, lang) for m in assessed.measures_done) or "–"
        rows.append(row)
    return pd.DataFrame(rows).style.map(_cell_style)


def render_matrix(facility: Facility, lang: str) -> None:
    """The object page's matrix, its conclusion and the rule that derives one from the other."""
    st.subheader(t("passport.matrix.title", lang))
    st.markdown(f"**{t('passport.conclusion', lang)}: {conclusion_text(facility, lang)}**")
    if not facility.passport_zones:
        st.caption(t("passport.matrix.empty", lang))
    else:
        zone = t("passport.matrix.zone", lang)
        st.dataframe(
            matrix_table(facility.passport_zones, lang),
            hide_index=True,
            width="stretch",
            key="object_zones",
            column_config={zone: st.column_config.TextColumn(zone, pinned=True, width="medium")},
        )
    st.caption(t("passport.rule", lang))


def zone_grid(model: Facility, key: str, lang: str) -> dict[str, dict]:
    """The edit form's grid: one expander per zone with now/target for the five categories and
    the zone's measures. Returns ``passport_zones`` as the service takes it."""
    st.markdown(f"**{t('passport.form.title', lang)}**")
    st.caption(t("passport.form.intro", lang))
    st.caption(passport_legend(lang))
    zones: dict[str, dict] = {}
    for zone in Zone:
        assessed = model.passport_zones.get(zone) or ZoneAssessment()
        title = t("passport.form.zone_label", lang, zone=zone_name(zone, lang), n=len(assessed.states))
        with st.expander(title, expanded=False):
            states = {}
            for category in DisabilityCategory:
                seen = assessed.states.get(category)
                # A horizontal row does not stack on a phone: now and target stay side by side.
                row = st.container(horizontal=True, wrap=False)
                current = row.selectbox(
                    t("passport.form.current", lang, category=category.code),
                    STATES,
                    index=STATES.index(seen.current if seen else None),
                    format_func=_code,
                    key=f"{key}_zone_{zone.value}_{category.value}_current",
                    help=label(category, lang),
                )
                target = row.selectbox(
                    t("passport.form.target", lang, category=category.code),
                    STATES,
                    index=STATES.index(seen.target if seen else None),
                    format_func=_code,
                    key=f"{key}_zone_{zone.value}_{category.value}_target",
                    help=label(category, lang),
                )
                if current or target:
                    states[category.value] = {"current": current, "target": target}
            measures = st.multiselect(
                t("passport.form.measures", lang),
                list(Measure),
                default=assessed.measures,
                format_func=lambda m: label(m, lang),
                key=f"{key}_zone_{zone.value}_measures",
                placeholder=t("app.choose", lang),
            )
            done = st.multiselect(
                t("passport.form.measures_done", lang),
                list(Measure),
                default=assessed.measures_done,
                format_func=lambda m: label(m, lang),
                key=f"{key}_zone_{zone.value}_done",
                placeholder=t("app.choose", lang),
            )
        if states or measures or done:
            zones[zone.value] = {"states": states, "measures": measures, "measures_done": done}
    st.caption(t("passport.form.computed", lang, conclusion=conclusion_text(model, lang)))
    return zones


# --- counting as the ministry counts -----------------------------------------------------


def counts_metrics(counts: PassportCounts, lang: str) -> None:
    """Adapted (ДП-В) beside partly accessible and ВНД — never summed — each with its definition."""
    cols = st.columns(4)
    for col, kind in zip(cols, ("full", "partly", "not_accessible")):
        col.metric(
            t(f"passport.count.{kind}", lang),
            fmt_int(getattr(counts, kind), lang),
            help=t(f"passport.count.{kind}_def", lang),
        )
        col.caption(
            t(
                "passport.count.of_assessed",
                lang,
                share=fmt_pct(counts.share(kind), lang),
                n=fmt_int(counts.assessed, lang),
            )
        )
    cols[3].metric(t("passport.count.not_assessed", lang), fmt_int(counts.not_assessed, lang))
    st.caption(" ".join(t(f"passport.count.{kind}_def", lang) for kind in ("full", "partly", "not_accessible")))


def category_table(counts: PassportCounts, lang: str) -> pd.DataFrame:
    """Per category: with a passport, fully accessible (ДП), partly (ДЧ, ДУ), ВНД — with shares."""
    rows = []
    for r in counts.by_category.itertuples(index=False):

        def share(n: int, assessed: int = r.assessed) -> str:
            return f"{fmt_int(n, lang)} ({fmt_pct(n / assessed, lang)})" if assessed else "–"

        rows.append(
            {
                t("passport.count.col_category", lang): label(DisabilityCategory(r.category), lang),
                t("passport.count.col_assessed", lang): fmt_int(r.assessed, lang),
                t("passport.count.col_full", lang): share(r.full),
                t("passport.count.col_partly", lang): share(r.partly),
                t("passport.count.col_not_accessible", lang): share(r.not_accessible),
            }
        )
    return pd.DataFrame(rows)


def render_counts(frame: pd.DataFrame, lang: str, key: str, by_category: bool = True) -> None:
    """The passport counts of ``frame`` (a progress frame), with definitions and their source."""
    counts = passport_counts(frame)
    st.subheader(t("passport.count.title", lang))
    counts_metrics(counts, lang)
    if by_category:
        st.markdown(f"**{t('passport.count.by_category', lang)}**")
        st.dataframe(category_table(counts, lang), hide_index=True, width="stretch", key=f"{key}_passport_categories")
    st.caption(t("passport.count.source", lang))
