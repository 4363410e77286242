"""The map page under AppTest: its filters against the demo database (clicks: tests/e2e)."""

from sqlalchemy import func, select

from tests.support.apptest import open_page
from tracker.analytics.progress import is_overdue
from tracker.domain import calendar
from tracker.storage.queries import facilities_frame
from tracker.storage.tables import facilities

NBSP = "\u00a0"


def open_map(app, **params):
    return open_page(app, "map", **params)


def shown(at) -> int:
    text = next(m.value for m in at.markdown if "**" in m.value)
    return int(text.split("**")[1].replace(NBSP, "").replace(",", ""))


def _count(engine, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(facilities).where(facilities.c.deleted_at.is_(None), *where)
        ).scalar_one()


def test_the_map_page_shows_every_object_of_the_default_region(app, demo_engine):
    at = open_map(app)
    assert not at.exception
    assert at.title[0].value == "Нысандар картасы: бейімдеу барысы"
    assert shown(at) == _count(demo_engine)
    assert any("ДЕМО ДЕРЕКТЕР" in w.value for w in at.warning)


def test_stage_and_funding_filters_change_the_count_shown(app, demo_engine):
    at = open_map(app)
    at.multiselect(key="map_stages").select("accepted").run()
    assert shown(at) == _count(demo_engine, facilities.c.stage == "accepted")
    at.multiselect(key="map_stages").select("completed").run()
    assert shown(at) == _count(demo_engine, facilities.c.stage.in_(["accepted", "completed"]))
    at.multiselect(key="map_funding").select("republican").run()
    assert shown(at) == _count(
        demo_engine, facilities.c.stage.in_(["accepted", "completed"]), facilities.c.funding_source == "republican"
    )


def test_overdue_only_counts_what_is_overdue_today(app, demo_engine):
    at = open_map(app)
    at.checkbox(key="map_overdue").check().run()
    with demo_engine.connect() as conn:
        expected = int(is_overdue(facilities_frame(conn), calendar.today()).sum())
    assert shown(at) == expected
    assert not at.exception


def test_year_and_category_filters_narrow_the_selection(app, demo_engine):
    at = open_map(app)
    at.multiselect(key="map_years").select(2021).run()
    assert shown(at) == 258
    at.selectbox(key="map_category").select_index(1).run()  # wheelchair users, below target
    assert 0 < shown(at) <= 258
    assert not at.exception


def test_every_colouring_of_the_districts_builds(app):
    at = open_map(app)
    for metric in ("execution", "overdue", "pct_done"):
        at.radio(key="map_metric").set_value(metric).run()
        assert not at.exception


def test_the_map_page_in_russian(app):
    at = open_map(app, lang="ru")
    assert at.title[0].value == "Карта объектов: ход адаптации"
    assert "На карте" in next(m.value for m in at.markdown if "**" in m.value)
