"""The map of objects coloured by stage over district outlines."""

import streamlit as st
from streamlit_folium import st_folium

from tracker.i18n import t
from tracker.maps.progress_map import build_progress_map
from tracker.services.boundaries import boundaries_geojson
from tracker.ui import context, data, widgets


def render() -> None:
    lang = context.language()
    st.title(t("map.title", lang))
    flt = widgets.scope_picker(lang, key="map")
    frame = data.facilities(flt)
    widgets.demo_notice(frame, lang)
    bounds = context.boundaries()
    if bounds.approximate:
        st.info(t("map.approximate_notice", lang))
    source = t("map.approximate_source", lang) if bounds.approximate else bounds.source
    fmap = build_progress_map(frame, boundaries_geojson(bounds), lang, bounds.approximate, source)
    st_folium(fmap, returned_objects=[], key="progress_map", height=620, use_container_width=True)
    st.caption(t("map.boundaries_credit", lang, source=source))
