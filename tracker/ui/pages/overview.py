"""Overview: how many objects in each stage, and where the money is."""

import pandas as pd
import streamlit as st

from tracker.analytics.progress import budget_totals, completion_share, stage_counts
from tracker.domain.enums import Stage
from tracker.i18n import fmt_int, fmt_mln, fmt_pct, label, t
from tracker.ui import context, data, widgets


def render() -> None:
    lang = context.language()
    st.title(t("overview.title", lang))
    flt = widgets.scope_picker(lang, key="overview")
    frame = data.facilities(flt)
    widgets.demo_notice(frame, lang)
    if frame.empty:
        st.info(t("overview.empty", lang))
        return
    totals = budget_totals(frame)
    cols = st.columns(4)
    cols[0].metric(t("overview.objects", lang), fmt_int(len(frame), lang))
    done = int(frame["stage"].isin([Stage.COMPLETED.value, Stage.ACCEPTED.value]).sum())
    cols[1].metric(t("overview.done", lang), fmt_int(done, lang))
    cols[2].metric(t("overview.done_share", lang), fmt_pct(completion_share(frame), lang))
    cols[3].metric(t("overview.execution", lang), fmt_pct(totals["execution"], lang))
    money = st.columns(4)
    for col, kind in zip(money, ("planned", "allocated", "contracted", "spent")):
        col.metric(t(f"overview.budget_{kind}", lang), fmt_mln(totals[kind], lang))

    st.subheader(t("overview.by_stage", lang))
    counts = stage_counts(frame)
    table = pd.DataFrame({
        t("overview.stage", lang): [label(Stage(s), lang) for s in counts.index],
        t("overview.objects", lang): counts.values,
    })
    st.bar_chart(table, x=t("overview.stage", lang), y=t("overview.objects", lang), horizontal=True,
                 sort=False)
    st.dataframe(table, hide_index=True, width="content")
    st.caption(t("overview.source", lang))
