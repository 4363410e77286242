"""The app's frame: page setup, navigation, language, the demo label."""

import streamlit as st

from tracker.i18n import t
from tracker.ui import context
from tracker.ui.pages import map_page, overview


def run() -> None:
    st.set_page_config(page_title="Кедергісіз келешек", page_icon="♿", layout="wide")
    lang = context.language_picker()
    with st.spinner(t("app.preparing", lang)):
        context.engine()
    pages = [
        st.Page(overview.render, title=t("nav.overview", lang), url_path="overview", default=True),
        st.Page(map_page.render, title=t("nav.map", lang), url_path="map"),
    ]
    page = st.navigation(pages)
    st.sidebar.caption(t("app.tagline", lang))
    page.run()
