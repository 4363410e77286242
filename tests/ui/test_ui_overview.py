"""The overview page's figures against the database they come from."""

from decimal import Decimal

from sqlalchemy import func, select

from tracker.storage.tables import facilities


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_overview_counts_and_money_match_the_database(app, demo_engine):
    at = app.run()
    assert not at.exception
    with demo_engine.connect() as conn:
        total, spent = conn.execute(select(func.count(), func.sum(facilities.c.budget_spent_tiyn))).one()
    assert _metric(at, "Нысандар") == f"{total:,}".replace(",", "\u00a0")
    expected_spent = f"{Decimal(spent) / 100 / 1_000_000:,.1f}".replace(",", "\u00a0").replace(".", ",")
    assert _metric(at, "Игерілген") == f"{expected_spent}\u00a0млн\u00a0₸"
    assert any("ДЕМО ДЕРЕКТЕР" in w.value for w in at.warning)


def test_overview_follows_the_year_filter(app):
    at = app.run()
    at.multiselect(key="overview_years").select(2021).run()
    assert _metric(at, "Нысандар") == "258"


def test_unknown_language_in_the_url_falls_back_to_kazakh_with_a_notice(app):
    app.query_params["lang"] = "<script>"
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Бейімдеу барысы"
    assert any("<script>" in w.value for w in at.sidebar.warning)


def test_russian_from_the_url(app):
    app.query_params["lang"] = "ru"
    at = app.run()
    assert at.title[0].value == "Ход адаптации"
