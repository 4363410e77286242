"""Opening the app's pages under Streamlit's AppTest, as a visitor's link or menu click would.

AppTest switches pages only by file (``switch_page``); our pages are functions that
``st.navigation`` routes by URL path, and Streamlit names such a page by the hash of that path.
So ``open_page`` sets AppTest's page hash: the one private attribute the tests touch, here only.
"""

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tracker.config import get_settings

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
# Generous: a run of the whole app on the demo database takes a second alone, far more when the
# machine is busy; the deadline only ends a run that hangs.
TIMEOUT = 180
_NO_SUCH_PAGE = "no-such-page"
# The password of the people `tests/ui/conftest.py::people_app` adds (the administrator's is "admin-" + it).
PASSWORD = "Taldy-korgan-2025"
SIGN_IN_NEEDED = "Кіру қажет"  # the title of the sign-in a protected page asks for (kk)
ROLE_NEEDED = "Бұл бет сіздің рөліңізге ашық емес"  # the answer of a page the person's role does not open (kk)


def fresh_process_state() -> None:
    """Forget the settings and Streamlit's caches, as a restarted server would (after changing ``TRACKER_*``)."""
    get_settings.cache_clear()
    st.cache_resource.clear()
    st.cache_data.clear()


def new_app() -> AppTest:
    """The whole app (``streamlit_app.py``), not yet run."""
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


def page_app(function) -> AppTest:
    """One page's ``render`` alone, as the menu would run it (``function`` imports and calls it)."""
    return AppTest.from_function(function, default_timeout=TIMEOUT)


def open_page(at: AppTest, url_path: str, **params: str) -> AppTest:
    """Run the app on ``/url_path?params``; later runs of ``at`` stay on that page.

    A page the visitor may not see is not in the menu, so Streamlit shows the default page instead.
    """
    for key, value in params.items():
        at.query_params[key] = value
    at._page_hash = calc_hash(url_path)
    return at.run()


def title(at: AppTest) -> str:
    return at.title[0].value


def reaches(at: AppTest, url_path: str) -> bool:
    """Whether opening ``/url_path`` shows that page: neither the default one (not for the default page)
    nor the sign-in a protected page asks a visitor for at its own address, nor the answer that
    the person's role does not open it."""
    fallback = title(open_page(at, _NO_SUCH_PAGE))
    return title(open_page(at, url_path)) not in (fallback, SIGN_IN_NEEDED, ROLE_NEEDED)


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    """Sign in through the sidebar form of a page that has run."""
    at.sidebar.text_input(key="auth_username").input(username)
    at.sidebar.text_input(key="auth_password").input(password)
    return at.sidebar.button[0].click().run()
