"""The object page's site audits over time, two side by side (the latest and the one before, by default)."""

import pandas as pd
import streamlit as st

from tracker.analytics.audit_compare import compare_audits, measures_from_changes
from tracker.domain.checklist import by_version
from tracker.i18n import fmt_date, label, t
from tracker.i18n.audit import reason_text
from tracker.services.audits import audit_verdict
from tracker.services.history_view import FacilityRecord
from tracker.services.visits import visits_for
from tracker.ui import context
from tracker.ui.components.passport_matrix import zone_name
from tracker.ui.markdown import md_escape


def _code(state) -> str:
    return state.code if state is not None else "–"


def _caption(row, lang: str) -> str:
    return t("auditcompare.option", lang, date=fmt_date(row.visited_on), organisation=row.organisation, id=int(row.id))


def audits_over_time(record: FacilityRecord, lang: str) -> None:
    """Every audit of the object, oldest first, and two of them compared zone by zone."""
    frame = visits_for(context.database(), context.actor(), [record.facility.id])
    audits = frame[frame["audit"].notna()].sort_values(["visited_on", "id"]) if not frame.empty else frame
    if audits.empty:
        return
    st.subheader(t("auditcompare.title", lang))
    rows = {int(r.id): r for r in audits.itertuples(index=False)}
    verdicts = {i: audit_verdict(r.audit) for i, r in rows.items()}
    st.dataframe(
        pd.DataFrame(
            {
                t("visits.date", lang): [fmt_date(r.visited_on) for r in rows.values()],
                t("visits.organisation", lang): [r.organisation for r in rows.values()],
                t("passport.conclusion", lang): [verdicts[i].conclusion or "–" for i in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        key="object_audits",
    )
    if len(rows) < 2:
        st.caption(t("auditcompare.one", lang))
        return
    ids = list(rows)
    left, right = st.columns(2)
    older = left.selectbox(
        t("auditcompare.then", lang),
        ids,
        index=len(ids) - 2,
        format_func=lambda i: _caption(rows[i], lang),
        key="cmp_then",
    )
    newer = right.selectbox(
        t("auditcompare.now", lang),
        ids,
        index=len(ids) - 1,
        format_func=lambda i: _caption(rows[i], lang),
        key="cmp_now",
    )
    a, b = rows[older], rows[newer]
    since, until = (a.visited_on, b.visited_on) if a.visited_on <= b.visited_on else (b.visited_on, a.visited_on)
    result = compare_audits(verdicts[older], verdicts[newer], measures_from_changes(record.changes), since, until)
    then_col, now_col = (
        t("auditcompare.state_then", lang, date=fmt_date(a.visited_on)),
        t("auditcompare.state_now", lang, date=fmt_date(b.visited_on)),
    )
    st.dataframe(
        pd.DataFrame(
            {
                t("passport.matrix.zone", lang): [zone_name(r.zone, lang) for r in result.rows],
                t("proposals.category", lang): [r.category.code for r in result.rows],
                then_col: [_code(r.then) for r in result.rows],
                now_col: [_code(r.now) for r in result.rows],
                t("auditcompare.trend", lang): [t(f"auditcompare.trend.{r.trend}", lang) for r in result.rows],
            }
        ),
        hide_index=True,
        width="stretch",
        key="object_audit_compare",
    )
    _reasons(t("auditcompare.fixed", lang), result.fixed, a.audit, lang)
    _reasons(t("auditcompare.appeared", lang), result.appeared, b.audit, lang)
    st.markdown(f"**{t('auditcompare.measures', lang)}**")
    if result.measures:
        for m in result.measures:
            st.markdown(
                f"- {fmt_date(m.on)} · {md_escape(zone_name(m.zone, lang))}: {md_escape(label(m.measure, lang))}"
            )
    else:
        st.caption(t("auditcompare.no_measures", lang))


def _reasons(heading: str, reasons: list, audit: dict, lang: str) -> None:
    st.markdown(f"**{heading}**")
    if not reasons:
        st.caption(t("auditcompare.none", lang))
        return
    checklist = by_version(audit["checklist_version"])
    for reason in reasons:
        st.markdown(f"- {md_escape(reason_text(checklist, reason, lang))}")
