"""The app on its embedded default, as a visitor sees it in Chromium."""

import pytest

from tests.support.browser import after, open_url

# pytest-xdist --dist loadgroup: the shared demo server (tests/e2e/conftest.py::demo_app) is started by one worker only.
pytestmark = pytest.mark.xdist_group("demo_app")


def test_overview_shows_the_labelled_demo_totals(demo_app, page):
    open_url(page, demo_app.url)
    body = page.inner_text("body")
    assert "ДЕМО ДЕРЕКТЕР" in body
    assert "1\u00a0294" in body
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_switching_to_russian_translates_the_page(demo_app, page):
    open_url(page, demo_app.url)
    after(page, page.get_by_text("Русский").click)
    page.get_by_text("Ход адаптации").first.wait_for()
    body = page.inner_text("body")
    assert "Ход адаптации" in body and "ДЕМО-ДАННЫЕ" in body
    assert "lang=ru" in page.url
