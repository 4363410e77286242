"""Per-process resources and per-session state: the database, the data version, the language."""

import streamlit as st

from tracker.config import get_settings
from tracker.i18n import LANGUAGES, t
from tracker.services.actor import PUBLIC, Actor
from tracker.services.boundaries import BoundarySet, current_boundaries
from tracker.services.setup import initialise, is_empty, load_demo
from tracker.storage.database import Database

LANG_KEY = "lang"
ACTOR_KEY = "_actor"
PAGES_KEY = "_pages"


@st.cache_resource(show_spinner=False)
def database() -> Database:
    """One database per process, with the schema and catalogue in place (and demo data if empty)."""
    settings = get_settings()
    db = Database.at(settings.resolved_database_url)
    initialise(db)
    if settings.demo_on_empty and is_empty(db):
        load_demo(db)
    return db


def data_version() -> int:
    with database().read() as store:
        return store.data_version()


@st.cache_data(show_spinner=False, max_entries=4)
def _boundaries(version: int, _db: Database) -> BoundarySet:
    return current_boundaries(_db)


def boundaries() -> BoundarySet:
    return _boundaries(data_version(), database())


def language() -> str:
    """The session's language: from the sidebar, else the ``?lang=`` parameter, else the default setting."""
    if LANG_KEY in st.session_state:
        return st.session_state[LANG_KEY]
    asked = st.query_params.get(LANG_KEY)
    if asked in LANGUAGES:
        return asked
    if asked is not None:
        st.session_state["_bad_lang"] = True  # noted, never echoed
    return get_settings().default_language


def language_picker() -> str:
    """Sidebar switch kk / ru / en, kept in the URL so a link opens in the same language."""
    current = language()
    names = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
    chosen = st.sidebar.radio(
        t("app.language", current),
        LANGUAGES,
        index=LANGUAGES.index(current),
        format_func=names.get,
        key=LANG_KEY,
        horizontal=True,
    )
    st.query_params[LANG_KEY] = chosen
    bad = st.session_state.pop("_bad_lang", None)
    if bad is not None:
        # The parameter is not echoed: whatever was typed into the address never reaches the page.
        st.sidebar.warning(t("app.unknown_language", chosen))
    return chosen


def actor() -> Actor:
    """Who uses this session: set by the app on every run (the public view when nobody signed in)."""
    return st.session_state.get(ACTOR_KEY, PUBLIC)


def pages() -> dict | None:
    """This session's menu: ``st.Page`` by url path (None when a page is rendered on its own)."""
    return st.session_state.get(PAGES_KEY)
