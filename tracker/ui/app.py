"""The app's frame: page setup, navigation, language, the demo label."""

import streamlit as st

from tracker.i18n import t
from tracker.ui import context
from tracker.ui.registry import PAGES


def run() -> None:
    st.set_page_config(page_title="Кедергісіз келешек", page_icon="♿", layout="wide")
    lang = context.language_picker()
    with st.spinner(t("app.preparing", lang)):
        context.engine()
    pages = [
        st.Page(spec.render, title=t(spec.title_key, lang), url_path=spec.url_path, icon=spec.icon,
                default=spec.default)
        for spec in PAGES
    ]
    page = st.navigation(pages)
    st.sidebar.caption(t("app.tagline", lang))
    page.run()
