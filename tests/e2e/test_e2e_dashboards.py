"""The district and object pages in Chromium: opened by link, switched to Russian and back."""

import pytest
from sqlalchemy import select

from tests.support.browser import after, map_drawn, open_url
from tracker.storage.engine import make_engine
from tracker.storage.tables import facilities

# pytest-xdist --dist loadgroup: the shared demo server (tests/e2e/conftest.py::demo_app) is started by one worker only.
pytestmark = pytest.mark.xdist_group("demo_app")


def _heading(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def _switch_to_russian(page) -> None:
    after(page, page.get_by_text("Русский").click)
    page.wait_for_function("() => location.search.includes('lang=ru')")


def _object(server):
    engine = make_engine(f"sqlite:///{server.data_dir / 'tracker.db'}")
    try:
        with engine.connect() as conn:
            return conn.execute(
                select(facilities.c.id, facilities.c.name_kk, facilities.c.name_ru, facilities.c.district_kato)
                .where(facilities.c.district_kato == "331000000")
                .order_by(facilities.c.id)
                .limit(1)
            ).one()
    finally:
        engine.dispose()


def test_the_district_page_switches_language_and_keeps_the_district(demo_app, page):
    open_url(page, f"{demo_app.url}/district?kato=331000000")
    assert _heading(page) == "Талдықорған"
    assert "Аудандағы нысандар" in page.inner_text("body")
    _switch_to_russian(page)
    assert _heading(page) == "Талдыкорган"
    body = page.inner_text("body")
    assert "Объекты района" in body and "Реабилитационные центры" in body and "Инватакси" in body
    assert "kato=331000000" in page.url and "lang=ru" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_a_bad_district_code_shows_a_message_in_the_browser(demo_app, page):
    open_url(page, f"{demo_app.url}/district?kato=%3Cscript%3Ealert(1)%3C/script%3E&lang=ru")
    assert "неизвестный код района" in page.inner_text("body")
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_object_page_switches_language_with_its_map_and_history(demo_app, page):
    obj = _object(demo_app)
    open_url(page, f"{demo_app.url}/object?id={obj.id}")
    assert _heading(page) == obj.name_kk
    assert "Өзгерістер тарихы" in page.inner_text("body")
    map_drawn(page)
    _switch_to_russian(page)
    assert _heading(page) == obj.name_ru
    body = page.inner_text("body")
    assert "История изменений" in body and "Паспорт: первая оценка" in body
    assert f"id={obj.id}" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_the_link_from_the_object_to_its_district_keeps_the_language(demo_app, page):
    obj = _object(demo_app)
    open_url(page, f"{demo_app.url}/object?id={obj.id}&lang=ru")
    after(page, page.get_by_text("Талдыкорган: страница района").click)
    page.wait_for_function("() => location.pathname.endsWith('/district')")
    assert _heading(page) == "Талдыкорган"
    assert "lang=ru" in page.url and "kato=331000000" in page.url
