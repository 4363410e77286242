"""Fixing an object's point by clicking the map: for objects placed at a settlement or district centre."""

import json

import streamlit as st
from streamlit_folium import st_folium

from tracker.domain import Facility
from tracker.domain.enums import LocationPrecision
from tracker.domain.errors import TrackerError
from tracker.i18n import label, t
from tracker.i18n.errors import messages
from tracker.maps.clicks import clicked_point
from tracker.maps.locator import build_locator_map
from tracker.services.facilities import update_facility
from tracker.ui import context
from tracker.ui.markdown import md_escape


def point_picker(actor, fid: int, version: int, model: Facility, lang: str) -> None:
    """A map under the form: a click proposes a new point, a button saves it as exact."""
    with st.expander(t("editing.point_title", lang), expanded=model.location_precision != LocationPrecision.EXACT):
        st.caption(t("editing.point_help", lang, precision=label(model.location_precision, lang)))
        bounds = context.boundaries()
        rows = bounds.frame[bounds.frame["kato"] == model.district_kato]
        outline = json.loads(rows.to_json(drop_id=True)) if not rows.empty else None
        fmap = build_locator_map(model.lat, model.lon, model.display_name(lang), model.stage, lang, outline)
        value = st_folium(
            fmap, returned_objects=["last_clicked"], key=f"pick_{fid}_{version}", height=360, use_container_width=True
        )
        point = clicked_point(value)
        if point is None:
            return
        st.write(t("editing.point_new", lang, lat=f"{point[0]:.6f}", lon=f"{point[1]:.6f}"))
        if not st.button(t("editing.point_save", lang), key=f"pick_save_{fid}_{version}", type="primary"):
            return
        changes = {"lat": point[0], "lon": point[1], "location_precision": LocationPrecision.EXACT}
        try:
            saved = update_facility(
                context.database(),
                actor,
                fid,
                changes,
                version,
                comment=t("editing.point_comment", lang),
                boundaries=context.boundaries(),
            )
        except TrackerError as error:
            st.error("\n\n".join(f"- {md_escape(line)}" for line in messages(error, lang)), icon=":material/block:")
            return
        st.cache_data.clear()
        st.session_state["edit_saved"] = (fid, saved.stored.version, saved.warnings)
        st.rerun()
