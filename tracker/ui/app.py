"""The app's frame: page setup, navigation, language, the demo label."""

from dataclasses import replace

import streamlit as st
from streamlit.runtime import get_instance

from tracker.config import get_settings
from tracker.i18n import t
from tracker.ui import auth, context, startup
from tracker.ui.registry import PAGES


def run() -> None:
    startup.register_declared(get_instance().component_registry)
    st.set_page_config(page_title="Кедергісіз келешек", page_icon="♿", layout="wide")
    lang = context.language_picker()
    with st.spinner(t("app.preparing", lang)):
        context.database()
    actor = st.session_state[context.ACTOR_KEY] = auth.current_actor()
    specs = [spec for spec in PAGES if spec.roles is None or actor.role.value in spec.roles]
    if not actor.signed_in and not get_settings().public_view:
        specs = [auth.SIGN_IN_PAGE]
    # A bookmark or link to a page this visitor cannot open answers at that address: a sign-in
    # request for the signed-out, which role the page needs for the signed-in.
    missing = [spec for spec in PAGES if spec not in specs]
    stand_ins = auth.stand_ins(missing) if not actor.signed_in else auth.role_stand_ins(missing)
    # The default page is served at "/"; its own name (``/overview``) opens it too.
    aliases = [replace(spec, default=False, hidden=True) for spec in specs if spec.default]
    entries = [(spec, "" if spec.default else spec.url_path) for spec in specs]
    entries += [(spec, spec.url_path) for spec in aliases + stand_ins]
    pages = [
        st.Page(
            spec.render,
            title=t(spec.title_key, lang),
            url_path=url_path,
            icon=spec.icon,
            default=spec.default,
            visibility="hidden" if spec.hidden else "visible",
        )
        for spec, url_path in entries
    ]
    page = st.navigation(pages)
    # Links go only to pages this visitor can open (not to the stand-ins).
    st.session_state[context.PAGES_KEY] = {spec.url_path: p for (spec, _), p in zip(entries, pages) if spec in specs}
    auth.sidebar(
        actor,
        lang,
        form_in_page=next(spec for (spec, _), p in zip(entries, pages) if p is page) in stand_ins,
    )
    st.sidebar.caption(t("app.tagline", lang))
    page.run()
