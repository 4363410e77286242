"""Sign-in in the sidebar: a password form, or OIDC through ``st.login`` when ``[auth]`` is set.

The session token lives in this browser session's state only (a reload asks to sign in again);
the database decides on every run whether it is still valid.
"""

import streamlit as st

from tracker.i18n import t
from tracker.i18n.errors import error_message
from tracker.services import auth, users
from tracker.services.actor import PUBLIC, Actor
from tracker.ui import context
from tracker.ui.markdown import md_escape
from tracker.ui.registry import PageSpec

TOKEN_KEY = "_auth_token"
NAME_KEY = "_auth_name"
NOTICE_KEY = "_auth_notice"


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises rather than answering "no"
        return False


def _oidc_identity() -> tuple[str | None, str | None] | None:
    """(subject, e-mail) of the person signed in at the identity provider, if any."""
    if not oidc_configured():
        return None
    # st.user.is_logged_in raises when it is not set; the dict form never does.
    info = st.user.to_dict()
    if not info.get("is_logged_in"):
        return None
    return info.get("sub"), info.get("email")


def client() -> str:
    """Who is knocking, for slowing down guessing per client."""
    try:
        address = st.context.ip_address
    except Exception:
        address = None
    return address if isinstance(address, str) and address else "unknown"


def current_actor() -> Actor:
    """The signed-in person of this session, or the public view."""
    db = context.database()
    token = st.session_state.get(TOKEN_KEY)
    actor = auth.resume(db, token) if token else None
    if token and actor is None:
        st.session_state.pop(TOKEN_KEY, None)
        st.session_state[NOTICE_KEY] = "auth.expired"
    if actor is None:
        identity = _oidc_identity()
        if identity is not None and not st.session_state.get("_auth_oidc_refused"):
            grant = auth.oidc_sign_in(db, identity[0], identity[1], client())
            if grant is None:
                st.session_state["_auth_oidc_refused"] = True
                st.session_state[NOTICE_KEY] = "auth.not_registered"
            else:
                _keep(grant)
                actor = grant.actor
    return actor or PUBLIC


def _keep(grant: auth.Grant) -> None:
    st.session_state[TOKEN_KEY] = grant.token
    st.session_state[NAME_KEY] = grant.display_name
    st.session_state.pop(NOTICE_KEY, None)


def _sign_out() -> None:
    auth.sign_out(context.database(), st.session_state.pop(TOKEN_KEY, None))
    st.session_state.pop(NAME_KEY, None)
    st.session_state.pop("_auth_oidc_refused", None)
    if _oidc_identity() is not None:
        st.logout()


def _password_form(lang: str) -> None:
    with st.sidebar.form("auth_form", clear_on_submit=False, border=True):
        st.markdown(f"**{t('auth.title', lang)}**")
        username = st.text_input(t("auth.username", lang), key="auth_username", max_chars=64)
        password = st.text_input(t("auth.password", lang), type="password", key="auth_password", max_chars=200)
        submitted = st.form_submit_button(t("auth.sign_in", lang), type="primary")
    if not submitted:
        return
    try:
        grant = auth.sign_in(context.database(), username, password, client())
    except auth.SignInRefused as refused:
        st.sidebar.error(error_message(refused, lang))
        return
    _keep(grant)
    st.rerun()


def sidebar(actor: Actor, lang: str) -> None:
    """Who is signed in and a sign-out button, or the ways to sign in."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if actor.signed_in:
        name = st.session_state.get(NAME_KEY) or actor.name
        st.sidebar.markdown(
            t("auth.signed_in_as", lang, name=md_escape(name), role=t(f"auth.role.{actor.role.value}", lang))
        )
        st.sidebar.button(t("auth.sign_out", lang), key="auth_sign_out", on_click=_sign_out)
        return
    if notice:
        st.sidebar.warning(t(notice, lang))
    _password_form(lang)
    if not users.has_admin(context.database()):
        st.sidebar.info(t("auth.no_admin_yet", lang))
    if oidc_configured():
        identity = _oidc_identity()
        if identity is None:
            st.sidebar.button(t("auth.sign_in_oidc", lang), key="auth_oidc", on_click=st.login)
        else:
            st.sidebar.button(t("auth.sign_out_oidc", lang), key="auth_oidc_out", on_click=_sign_out)


def _sign_in_required() -> None:
    lang = context.language()
    st.title(t("auth.required_title", lang))
    st.info(t("auth.required", lang))


SIGN_IN_PAGE = PageSpec("signin", "auth.nav_sign_in", _sign_in_required, icon=":material/login:", default=True)
