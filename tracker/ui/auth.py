"""Sign-in: a password form, or OIDC through ``st.login`` when ``[auth]`` is set.

The browser keeps the session in an HttpOnly cookie (``tracker.services.handoff``), so a reload,
a new tab or a bookmark stays signed in; this tab also keeps the token in its session state.
The database decides on every run whether the session is still valid.
"""

import json
from functools import partial

import streamlit as st

from tracker.config import get_settings
from tracker.i18n import t
from tracker.i18n.errors import error_message
from tracker.services import auth, handoff, users
from tracker.services.actor import PUBLIC, Actor, Role
from tracker.ui import context, links
from tracker.ui.markdown import md_escape
from tracker.ui.registry import PageSpec

TOKEN_KEY = "_auth_token"
NAME_KEY = "_auth_name"
NOTICE_KEY = "_auth_notice"
HANDOFF_KEY = "_auth_handoff"  # one-time code still to be exchanged for the cookie
CLEAR_KEY = "_auth_clear_cookie"  # the cookie is to be cleared (signed out, or it went stale)
COOKIE_TRIED_KEY = "_auth_cookie_tried"  # the cookie of this connection was already looked at


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


def _cookie_token() -> str | None:
    """The session token the browser sent with this connection (read once per tab)."""
    if st.session_state.get(COOKIE_TRIED_KEY):
        return None
    st.session_state[COOKIE_TRIED_KEY] = True
    try:
        token = st.context.cookies.get(handoff.COOKIE_NAME)
    except Exception:  # no browser connection (script tests)
        return None
    return token if isinstance(token, str) and 20 <= len(token) <= 100 else None


def current_actor() -> Actor:
    """The signed-in person of this session, or the public view."""
    db = context.database()
    token = st.session_state.get(TOKEN_KEY)
    from_cookie = False
    if not token:
        token = _cookie_token()
        from_cookie = token is not None
    actor = auth.resume(db, token) if token else None
    if token and actor is None:
        st.session_state.pop(TOKEN_KEY, None)
        st.session_state[NOTICE_KEY] = "auth.expired"
        st.session_state[CLEAR_KEY] = True
    elif from_cookie:
        st.session_state[TOKEN_KEY] = token
        st.session_state[NAME_KEY] = users.get_user(db, actor.name).display_name
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
    st.session_state[HANDOFF_KEY] = grant.handoff
    st.session_state.pop(NOTICE_KEY, None)
    st.session_state.pop(CLEAR_KEY, None)


def _forget() -> None:
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(NAME_KEY, None)
    st.session_state.pop(HANDOFF_KEY, None)
    st.session_state.pop("_auth_oidc_refused", None)
    st.session_state[CLEAR_KEY] = True


def _sign_out() -> None:
    auth.sign_out(context.database(), st.session_state.get(TOKEN_KEY))
    _forget()
    if _oidc_identity() is not None:
        st.logout()


def _sign_out_everywhere() -> None:
    auth.sign_out_everywhere(context.database(), st.session_state.get(TOKEN_KEY))
    _forget()
    if _oidc_identity() is not None:
        st.logout()


def _browser_call() -> None:
    """Hand a new session to the cookie, or clear the cookie: a same-origin POST from the page.

    Only a one-time code passes through the page, never the session token; the HTTP answer sets
    or clears the HttpOnly cookie.
    """
    code = st.session_state.pop(HANDOFF_KEY, None)
    if code:
        path, body = handoff.CLAIM_PATH, json.dumps({"code": code})
    elif st.session_state.pop(CLEAR_KEY, None):
        path, body = handoff.SIGN_OUT_PATH, "{}"
    else:
        return
    path = handoff.under_base(st.get_option("server.baseUrlPath"), path)
    script = (
        f"<script>fetch({json.dumps(path)}, {{method: 'POST', credentials: 'same-origin', "
        f"headers: {{'Content-Type': 'application/json'}}, body: {json.dumps(body)}}});</script>"
    )
    st.html(script, unsafe_allow_javascript=True, width="content")


def password_form(lang: str, where=None) -> None:
    """The password form, in the sidebar or (on a page that asks to sign in) in the page."""
    where = where or st.sidebar
    key = "auth" if where is st.sidebar else "auth_page"
    with where.form(f"{key}_form", clear_on_submit=False, border=True):
        st.markdown(f"**{t('auth.title', lang)}**")
        username = st.text_input(t("auth.username", lang), key=f"{key}_username", max_chars=64)
        password = st.text_input(t("auth.password", lang), type="password", key=f"{key}_password", max_chars=200)
        submitted = st.form_submit_button(t("auth.sign_in", lang), type="primary")
    if not submitted:
        return
    try:
        grant = auth.sign_in(context.database(), username, password, client())
    except auth.SignInRefused as refused:
        where.error(error_message(refused, lang))
        return
    _keep(grant)
    st.rerun()


def sidebar(actor: Actor, lang: str, form_in_page: bool = False) -> None:
    """Who is signed in and sign-out buttons, or the ways to sign in."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    with st.sidebar:
        _browser_call()
    if actor.signed_in:
        name = st.session_state.get(NAME_KEY) or actor.name
        st.sidebar.markdown(
            t("auth.signed_in_as", lang, name=md_escape(name), role=t(f"auth.role.{actor.role.value}", lang))
        )
        st.sidebar.button(t("auth.sign_out", lang), key="auth_sign_out", on_click=_sign_out)
        st.sidebar.button(
            t("auth.sign_out_everywhere", lang), key="auth_sign_out_all", on_click=_sign_out_everywhere, type="tertiary"
        )
        return
    if notice:
        st.sidebar.warning(t(notice, lang))
    if not form_in_page:
        password_form(lang)
    if not users.has_admin(context.database()):
        st.sidebar.info(t("auth.no_admin_yet", lang))
    if oidc_configured():
        identity = _oidc_identity()
        if identity is None:
            st.sidebar.button(t("auth.sign_in_oidc", lang), key="auth_oidc", on_click=st.login)
        else:
            st.sidebar.button(t("auth.sign_out_oidc", lang), key="auth_oidc_out", on_click=_sign_out)


def sign_in_required() -> None:
    """Stands in for a page the visitor may not see yet, at its own address: after signing in
    the same address (with its ``?id=…``) opens the page itself."""
    lang = context.language()
    st.title(t("auth.required_title", lang))
    st.info(t("auth.required", lang))
    password_form(lang, st.container())
    s = get_settings()
    st.caption(t("auth.remember", lang, idle=s.session_idle_minutes, hours=s.session_max_hours))


SIGN_IN_PAGE = PageSpec("signin", "auth.nav_sign_in", sign_in_required, icon=":material/login:", default=True)


def stand_ins(hidden_specs: list[PageSpec]) -> list[PageSpec]:
    """A sign-in request at the address of every page this visitor cannot open yet."""
    return [
        PageSpec(spec.url_path, "auth.nav_sign_in", sign_in_required, icon=":material/login:", hidden=True)
        for spec in hidden_specs
    ]


def role_required(roles: frozenset[str]) -> None:
    """Stands in for a page the signed-in person's role does not open: which roles it is for,
    and the way back to the overview."""
    lang = context.language()
    actor = context.actor()
    st.title(t("auth.forbidden_title", lang))
    needed = ", ".join(t(f"auth.role.{role.value}", lang) for role in Role if role.value in roles)
    st.warning(t("auth.forbidden", lang, roles=needed, role=t(f"auth.role.{actor.role.value}", lang)))
    links.page_link("overview", t("auth.back_to_overview", lang), lang, icon=":material/dashboard:")


def role_stand_ins(hidden_specs: list[PageSpec]) -> list[PageSpec]:
    """A "this page is for …" answer at the address of every page the person's role does not open."""
    return [
        PageSpec(
            spec.url_path,
            spec.title_key,
            partial(role_required, spec.roles or frozenset()),
            icon=":material/lock:",
            hidden=True,
        )
        for spec in hidden_specs
    ]
