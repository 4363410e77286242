"""The app on its embedded default, as a visitor sees it in Chromium."""

from tests.e2e.conftest import settle


def test_overview_shows_the_labelled_demo_totals(demo_app, page):
    page.goto(demo_app.url)
    settle(page, 120)
    body = page.inner_text("body")
    assert "ДЕМО ДЕРЕКТЕР" in body
    assert "1\u00a0294" in body
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_switching_to_russian_translates_the_page(demo_app, page):
    page.goto(demo_app.url)
    settle(page, 120)
    page.get_by_text("Русский").click()
    settle(page)
    body = page.inner_text("body")
    assert "Ход адаптации" in body and "ДЕМО-ДАННЫЕ" in body
    assert "lang=ru" in page.url
