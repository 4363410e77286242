"""The overview page's figures against the database they come from."""

from decimal import Decimal

from sqlalchemy import func, select

from tracker.domain import calendar
from tracker.i18n import t
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
    assert [w.value for w in at.sidebar.warning] == ["Мекенжайдағы тіл белгісіз; қазақ тілінде көрсетілді"]


def test_russian_from_the_url(app):
    app.query_params["lang"] = "ru"
    at = app.run()
    assert at.title[0].value == "Ход адаптации"


# --- the dashboards: stages, plan, lateness, money, scope ------------------------------------


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _int(value: str) -> int:
    return int(value.replace("\u00a0", ""))


def test_stage_counts_overdue_and_execution_match_the_database(app, demo_engine):

    at = app.run()
    assert not at.exception
    today = calendar.today()
    live = facilities.c.deleted_at.is_(None)
    with demo_engine.connect() as conn:
        by_stage = dict(
            conn.execute(select(facilities.c.stage, func.count()).where(live).group_by(facilities.c.stage)).all()
        )
        overdue = conn.execute(
            select(func.count())
            .select_from(facilities)
            .where(
                live,
                facilities.c.planned_completion < today,
                facilities.c.stage.not_in(["completed", "accepted", "cancelled"]),
            )
        ).scalar_one()
        spent, allocated = conn.execute(
            select(func.sum(facilities.c.budget_spent_tiyn), func.sum(facilities.c.budget_allocated_tiyn)).where(live)
        ).one()
    assert _int(_metric(at, "Аяқталды")) == by_stage["completed"]
    assert _int(_metric(at, "Комиссия қабылдады")) == by_stage["accepted"]
    assert _int(_metric(at, "Мерзімі өткен")) == overdue > 0
    done_share = round(100 * (by_stage["completed"] + by_stage["accepted"]) / sum(by_stage.values()))
    assert _metric(at, "Жоспардың орындалуы") == f"{done_share}\u00a0%"
    assert _metric(at, "Бюджеттің игерілуі") == f"{round(100 * spent / allocated)}\u00a0%"
    stages = _frame(at, "Үлесі").set_index("Кезең")["Нысандар"]
    assert stages["Жұмыстар жүргізілуде"] == by_stage.get("in_works", 0)
    late = _frame(at, "Кешігу, күн")
    assert len(late) == min(overdue, 200)
    assert late["Беті"].str.fullmatch(r"object\?id=\d+&lang=kk").all()


def test_plan_against_actual_per_year_matches_the_database(app, demo_engine):
    at = app.run()
    with demo_engine.connect() as conn:
        planned = dict(
            conn.execute(select(facilities.c.program_year, func.count()).group_by(facilities.c.program_year)).all()
        )
        done = dict(
            conn.execute(
                select(facilities.c.program_year, func.count())
                .where(facilities.c.stage.in_(["completed", "accepted"]))
                .group_by(facilities.c.program_year)
            ).all()
        )
    table = _frame(at, "Жалпы жоспардағы үлесі").set_index("Бағдарлама жылы")
    assert planned[2021] == 258
    for year, n in planned.items():
        assert _int(table.loc[str(year), "Жоспар"]) == n
        assert _int(table.loc[str(year), "Бүгінге дейін аяқталды"]) == done.get(year, 0)
        assert _int(table.loc[str(year), "Сол жылы аяқталды"]) <= done.get(year, 0)


def test_the_annual_plan_share_is_named_for_the_year_chosen(app):
    at = app.run()
    at.multiselect(key="overview_years").select(2021).run()
    assert any(m.label == "2021 жылғы жоспардың орындалуы" for m in at.metric)


def test_a_district_scope_counts_that_district_only(app, demo_engine):
    at = app.run()
    at.multiselect(key="overview_districts").select("331000000").run()
    with demo_engine.connect() as conn:
        expected = conn.execute(
            select(func.count()).select_from(facilities).where(facilities.c.district_kato == "331000000")
        ).scalar_one()
    assert _metric(at, "Нысандар") == str(expected)
    assert any("Талдықорған" in c.value for c in at.caption)


def test_every_message_key_the_dashboards_name_exists_in_every_language():
    import ast
    from pathlib import Path

    from tracker.i18n import LANGUAGES, catalogue

    ui = Path(__file__).resolve().parents[2] / "tracker" / "ui"
    files = [
        ui / "widgets.py",
        ui / "pages" / "overview.py",
        ui / "pages" / "district.py",
        ui / "pages" / "object_page.py",
        ui / "components" / "facility_details.py",
    ]
    keys = {
        node.value
        for path in files
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith(("dashboards.", "overview.", "scope.", "app.", "map.", "nav."))
        and " " not in node.value
        and not node.value.endswith((".", "_"))
    }  # f-string stems
    assert len(keys) > 100
    for lang in LANGUAGES:
        assert sorted(k for k in keys if k not in catalogue(lang)) == []


def test_a_deployment_may_open_in_russian_by_default(app, monkeypatch):
    monkeypatch.setenv("TRACKER_DEFAULT_LANGUAGE", "ru")
    at = app.run()
    assert not at.exception
    assert at.title[0].value == t("overview.title", "ru")
    assert at.sidebar.radio(key="lang").value == "ru"
