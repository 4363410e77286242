"""Browser tests: a real `streamlit run` on a free port, driven by Debian Chromium via Playwright.

Servers are `tests.support.streamlit_server`; waiting on pages is `tests.support.browser`.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import missing
from tests.support.browser import new_page
from tests.support.streamlit_server import StreamlitServer
from tracker.bench.browser import launch_chromium

CHROMIUM = os.environ.get("TRACKER_CHROMIUM", "/usr/bin/chromium")
# A browser test waits up to 180 s for each step on a busy machine; its whole deadline is longer.
BROWSER_TEST_TIMEOUT_S = 1800


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.parent == Path(__file__).parent and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(BROWSER_TEST_TIMEOUT_S))


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed")
    if not Path(CHROMIUM).exists():
        missing(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as pw:
        chromium = launch_chromium(pw, CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory):
    """The app on its embedded default: SQLite file, demo data loaded on first start."""
    server = StreamlitServer(tmp_path_factory.mktemp("demo-app"))
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    """A Kazakh-speaking visitor's page (1400 x 1000) whose script runs are watched."""
    page = new_page(browser, locale="kk-KZ")
    yield page
    page.context.close()
