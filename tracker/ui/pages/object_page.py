"""One object (``?id=``): its full record, where it is, its passport before → after, its history."""

import json

import streamlit as st
from streamlit_folium import st_folium

from tracker.domain import calendar
from tracker.i18n import fmt_date, fmt_int, t
from tracker.maps.locator import build_locator_map
from tracker.services.history_view import FacilityRecord
from tracker.services.permissions import Action, allowed
from tracker.ui import context, data, links
from tracker.ui.components.audit_act import object_audit_acts
from tracker.ui.components.audit_compare import audits_over_time
from tracker.ui.components.evidence_list import evidence_list
from tracker.ui.components.facility_details import (
    facility_name,
    history_table,
    parse_id,
    passport_legend,
    passport_table,
    render_facility_details,
)
from tracker.ui.components.passport_matrix import render_matrix
from tracker.ui.markdown import md_escape


def _outline(kato: str) -> tuple[dict | None, bool, str]:
    """The district's polygon as GeoJSON, whether it is approximate, and its source."""
    bounds = context.boundaries()
    rows = bounds.frame[bounds.frame["kato"] == kato]
    if rows.empty:
        return None, bounds.approximate, bounds.source
    source = t("maps.approximate_source", context.language()) if bounds.approximate else bounds.source
    return json.loads(rows.to_json(drop_id=True)), bounds.approximate, source


def _locator(record: FacilityRecord, lang: str) -> None:
    f = record.facility
    outline, approximate, source = _outline(f.district_kato)
    fmap = build_locator_map(f.lat, f.lon, facility_name(f, lang), f.stage, lang, outline, approximate)
    st_folium(fmap, returned_objects=[], key=f"locator_{f.id}", height=320, use_container_width=True)
    st.caption(
        t("dashboards.object.coordinates", lang, lat=f"{f.lat:.5f}", lon=f"{f.lon:.5f}")
        + " · "
        + t("maps.credit", lang, source=md_escape(source))
    )


def _passport(record: FacilityRecord, lang: str) -> None:
    f = record.facility
    render_matrix(f, lang)
    st.subheader(t("dashboards.object.passport", lang))
    st.dataframe(
        passport_table(f.passport, lang, before=record.first_passport),
        hide_index=True,
        width="stretch",
        key="object_passport",
    )
    first_dates = [e.assessed_on for e in record.first_passport.values() if e.assessed_on]
    st.caption(passport_legend(lang))
    st.caption(t("dashboards.object.passport_note", lang, first=fmt_date(min(first_dates)) if first_dates else "–"))


def _history(record: FacilityRecord, lang: str) -> None:
    changes = record.changes
    saves = len({c.version for c in changes})
    st.subheader(t("dashboards.object.history", lang))
    st.caption(
        t("dashboards.object.history_note", lang, changes=fmt_int(len(changes), lang), versions=fmt_int(saves, lang))
    )
    st.dataframe(history_table(record, lang), hide_index=True, width="stretch", key="object_history")


def render() -> None:
    lang = context.language()
    raw = st.query_params.get("id")
    facility_id = parse_id(raw)
    record = data.facility_record(facility_id) if facility_id is not None else None
    if record is None:
        st.title(t("dashboards.object.title", lang))
        if raw is None:
            st.info(t("dashboards.object.choose", lang))
        else:
            st.error(t("dashboards.details.not_found", lang, id=md_escape(str(raw)[:40])))
        links.page_link("overview", t("nav.overview", lang), lang, icon=":material/dashboard:")
        return
    f = record.facility
    st.title(md_escape(facility_name(f, lang)))
    actor = context.actor()
    oblast = record.district.oblast_en if record.district is not None else None
    if allowed(actor, Action.EDIT_FACILITY, f.district_kato, oblast):
        links.page_link("edit", t("dashboards.object.edit", lang), lang, icon=":material/edit:", id=f.id)
    if f.demo:
        st.warning(t("app.demo_notice", lang), icon="⚠️")
    render_facility_details(
        f.id, lang, link=False, history=False, passport=False, heading=False, today=calendar.today()
    )
    _passport(record, lang)
    audits_over_time(record, lang)
    st.subheader(t("dashboards.object.where", lang))
    _locator(record, lang)
    _history(record, lang)
    if actor.signed_in:
        # Photos and documents are for staff and monitors; the public page does not show them.
        st.subheader(t("editing.evidence", lang))
        evidence_list(f.id, lang, key="object")
        object_audit_acts(f.id, lang)
    if record.district is not None:
        links.page_link(
            "district",
            t("dashboards.object.to_district", lang, district=record.district.name(lang)),
            lang,
            icon=":material/location_city:",
            kato=f.district_kato,
        )
