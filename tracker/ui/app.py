"""The app's frame: page setup, navigation, language, the demo label."""

import streamlit as st

from tracker.config import get_settings
from tracker.i18n import t
from tracker.ui import auth, context
from tracker.ui.registry import PAGES


def run() -> None:
    st.set_page_config(page_title="Кедергісіз келешек", page_icon="♿", layout="wide")
    lang = context.language_picker()
    with st.spinner(t("app.preparing", lang)):
        context.database()
    actor = st.session_state[context.ACTOR_KEY] = auth.current_actor()
    specs = [spec for spec in PAGES if spec.roles is None or actor.role.value in spec.roles]
    if not actor.signed_in and not get_settings().public_view:
        specs = [auth.SIGN_IN_PAGE]
    # A bookmark or link to a page this visitor cannot open yet asks to sign in at that address.
    stand_ins = auth.stand_ins([spec for spec in PAGES if spec not in specs]) if not actor.signed_in else []
    specs = specs + stand_ins
    pages = [
        st.Page(
            spec.render,
            title=t(spec.title_key, lang),
            url_path=spec.url_path,
            icon=spec.icon,
            default=spec.default,
            visibility="hidden" if spec.hidden else "visible",
        )
        for spec in specs
    ]
    page = st.navigation(pages)
    # Links go only to pages this visitor can open (not to the sign-in requests standing in).
    st.session_state[context.PAGES_KEY] = {
        spec.url_path: p for spec, p in zip(specs, pages) if spec.render is not auth.sign_in_required
    }
    auth.sidebar(
        actor,
        lang,
        form_in_page=page.url_path in {spec.url_path for spec in specs[len(specs) - len(stand_ins) :]}
        or page.url_path == auth.SIGN_IN_PAGE.url_path,
    )
    st.sidebar.caption(t("app.tagline", lang))
    page.run()
