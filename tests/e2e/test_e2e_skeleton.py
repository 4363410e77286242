"""The app on its embedded default, as a visitor sees it in Chromium."""

from tests.e2e.conftest import settle

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def test_overview_shows_the_labelled_demo_totals(demo_app, page):
    page.goto(demo_app.url)
    settle(page, 120)
    body = page.inner_text("body")
    assert "ДЕМО ДЕРЕКТЕР" in body
    assert "1\u00a0294" in body
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_map_draws_objects_in_stage_colours_and_the_legend(demo_app, page):
    page.goto(f"{demo_app.url}/map")
    settle(page, 120)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=30_000)
    markers = frame.locator("path.leaflet-interactive")
    assert markers.count() > 1294  # the objects plus the district outlines
    legend = frame.locator("text=Комиссия қабылдады")
    assert legend.count() >= 1
    fills = {markers.nth(i).get_attribute("fill") for i in range(0, markers.count(), 50)}
    assert "#009E73" in fills  # accepted objects, green in the legend too
    assert page.locator('[data-testid="stException"]').count() == 0


def test_switching_to_russian_translates_the_page(demo_app, page):
    page.goto(demo_app.url)
    settle(page, 120)
    page.get_by_text("Русский").click()
    settle(page)
    body = page.inner_text("body")
    assert "Ход адаптации" in body and "ДЕМО-ДАННЫЕ" in body
    assert "lang=ru" in page.url
