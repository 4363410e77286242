"""Claimed vs verified: objects reported done, and those a monitoring visit found short."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from tracker.analytics.discrepancies import claimed_vs_verified, gap_reasons, ranked, summary
from tracker.domain.enums import Stage
from tracker.i18n import display_name, fmt_date, fmt_int, fmt_money, label, t
from tracker.maps.discrepancies import build_discrepancy_map, gap_text
from tracker.services.boundaries import boundaries_geojson
from tracker.services.visits import visits_for
from tracker.ui import context, data, links, widgets


def render() -> None:
    lang = context.language()
    actor = context.actor()
    st.title(t("discrepancy.title", lang))
    st.caption(t("discrepancy.intro", lang))
    flt = widgets.scope_picker(lang, key="discrepancy")
    frame = data.facilities(flt)
    widgets.demo_notice(frame, lang)
    visits = visits_for(context.database(), actor, [int(i) for i in frame["id"]] if len(frame) < 5000 else None)
    table = claimed_vs_verified(frame, visits)
    counts = summary(table)
    cols = st.columns(4)
    cols[0].metric(t("discrepancy.claimed", lang), fmt_int(counts["claimed"], lang))
    cols[1].metric(t("discrepancy.confirmed", lang), fmt_int(counts["confirmed"], lang))
    cols[2].metric(t("discrepancy.found", lang), fmt_int(counts["discrepancy"], lang))
    cols[3].metric(t("discrepancy.not_visited", lang), fmt_int(counts["not_visited"], lang))
    found = ranked(table[table["status"] == "discrepancy"])
    bounds = context.boundaries()
    source = t("maps.approximate_source", lang) if bounds.approximate else bounds.source
    fmap = build_discrepancy_map(table, found, boundaries_geojson(bounds), lang, bounds.approximate, source)
    st_folium(fmap, returned_objects=[], key="discrepancy_map", height=520, use_container_width=True)
    st.subheader(t("discrepancy.list", lang))
    if found.empty:
        st.info(t("discrepancy.none", lang))
    else:
        st.caption(t("discrepancy.ranking", lang))
        districts = data.districts()
        names = dict(zip(districts["kato"], districts[f"name_{lang}"]))
        open_col = t("dashboards.table.open", lang)
        st.dataframe(
            pd.DataFrame(
                {
                    "№": range(1, len(found) + 1),
                    "ID": found["id"].astype(int),
                    t("editing.object", lang): list(display_name(found, lang)),
                    t("editing.district", lang): [names.get(k, k) for k in found["district_kato"]],
                    t("editing.field.stage", lang): [label(Stage(s), lang) for s in found["stage"]],
                    t("visits.date", lang): [fmt_date(d) for d in found["visited_on"]],
                    t("visits.organisation", lang): found["organisation"],
                    t("discrepancy.gaps", lang): [gap_text(g, lang) for g in found["gaps"]],
                    t("discrepancy.worse", lang): found["worse"],
                    t("dashboards.field.budget_spent", lang): [fmt_money(v, lang) for v in found["budget_spent"]],
                    t("discrepancy.reasons", lang): [
                        "; ".join(gap_reasons(a, g, lang)) or "–" for a, g in zip(found["audit"], found["gaps"])
                    ],
                    open_col: [links.object_url(i, lang) for i in found["id"]],
                }
            ),
            hide_index=True,
            width="stretch",
            key="discrepancy_table",
            column_config={
                open_col: st.column_config.LinkColumn(open_col, display_text=t("dashboards.table.open_text", lang))
            },
        )
    st.caption(t("discrepancy.source", lang))
