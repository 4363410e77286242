"""The coverage and priorities pages' figures against the demo database they come from."""

import pytest
from sqlalchemy import func, select

from tests.support.apptest import page_app
from tracker.storage.queries import districts_frame, invataxi_frame
from tracker.storage.tables import invataxi_reports

NBSP = "\u00a0"


def coverage_page():
    from tracker.ui.pages import coverage

    coverage.render()


def priorities_page():
    from tracker.ui.pages import gaps

    gaps.render()


@pytest.fixture
def page(demo_database, use_data_dir):
    """An AppTest of one page over the demo database (the page alone, as the menu would run it)."""
    use_data_dir(demo_database)

    def make(function, lang="kk"):
        at = page_app(function)
        at.session_state["lang"] = lang
        return at

    return make


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_invataxi_figures_match_the_database(page, demo_engine):
    at = page(coverage_page).run()
    assert not at.exception
    with demo_engine.connect() as conn:
        last = conn.execute(select(func.max(invataxi_reports.c.month))).scalar_one()
        vehicles = conn.execute(
            select(func.sum(invataxi_reports.c.vehicles)).where(invataxi_reports.c.month == last)
        ).scalar_one()
        districts = districts_frame(conn)
    region = districts[districts["oblast_en"].isin(["Almaty Region", "Zhetysu Region"])]
    registered = sum(f["disabled_total"]["value"] for f in region["figures"])
    assert vehicles == 46 and registered == 66_947  # the demo's latest fleet; the seed oblast's registered
    assert _metric(at, "Инватакси көліктері") == "46"
    assert _metric(at, "Тіркелген мүгедектігі бар адамдар") == f"66{NBSP}947"
    assert _metric(at, f"Тіркелген 1{NBSP}000 адамға шаққанда көлік") == "0,69"  # 46 ÷ 66 947
    # the eligible base is estimated (2.6 % of the registered, district by district), so it is shown rounded
    eligible = sum(round(f["disabled_total"]["value"] * 0.026) for f in region["figures"])
    assert _metric(at, "Инватаксиге құқығы барлар") == f"≈{NBSP}1{NBSP}700" and 1_650 <= eligible < 1_750
    per_eligible = f"{46 / eligible * 1000:.1f}".replace(".", ",")
    assert _metric(at, f"Құқығы бар 1{NBSP}000 адамға шаққанда көлік") == per_eligible
    assert any("ДЕМО ДЕРЕКТЕР" in w.value for w in at.warning)
    assert any("заң талабы емес" in i.value for i in at.info)  # the norm is a comparison point


def test_invataxi_table_is_ranked_and_labelled(page, demo_engine):
    at = page(coverage_page, "ru").run()
    table = at.dataframe[0].value
    per_1000 = [float(v.replace(",", ".")) for v in table[f"На 1{NBSP}000 зарегистрированных"]]
    assert per_1000 == sorted(per_1000)
    assert set(table["Демо"]) == {"да"} and set(table["Оценка"]) == {"да"}
    assert table["Источник"].str.contains("отчёты Инватакси: демо-допущение").all()
    assert table["Имеют право"].str.startswith("≈").all()  # estimated, so rounded
    with demo_engine.connect() as conn:
        reports = invataxi_frame(conn)
    refused = sum(sum(r.values()) for r in reports["refused"])
    reasons = at.dataframe[1].value
    assert sum(int(v.replace(NBSP, "")) for v in reasons["Отказано поездок"]) == refused


def test_reach_view_counts_settlements_and_the_planned_toggle(page):
    at = page(coverage_page).run()
    at.radio(key="coverage_view").set_value("reach").run()
    at.selectbox(key="coverage_reach_group").set_value("adults").run()
    assert not at.exception
    beyond, total = _metric(at, "50 км-ден алыс елді мекендер").split(" / ")
    assert int(total) == 35 and 0 < int(beyond) < 35
    centres_now = int(_metric(at, "Есепке алынған орталықтар"))
    at.toggle(key="coverage_with_planned").set_value(True).run()
    # the Taldykorgan centre for adults and children (under construction) now counts
    assert int(_metric(at, "Есепке алынған орталықтар")) == centres_now + 1


def test_adapted_view_gives_a_share_per_category(page):
    at = page(coverage_page).run()
    at.radio(key="coverage_view").set_value("adapted").run()
    table = at.dataframe[0].value
    assert {"К", "О", "С", "Г", "У"} <= set(table.columns)
    assert len(table) == 21 and table["К"].str.endswith("%").all()


def test_priorities_reorder_with_the_preset_and_export_csv(page):
    at = page(priorities_page, "en").run()
    assert not at.exception
    first = at.dataframe[0].value["District"].tolist()
    at.selectbox(key="gaps_preset").set_value("wheelchair").run()
    second = at.dataframe[0].value["District"].tolist()
    assert first != second and sorted(first) == sorted(second)
    assert at.dataframe[0].value["Reasons"].iloc[0]
    # Alatau has no settlement with a known centre: with the children's preset it lacks data
    at.selectbox(key="gaps_preset").set_value("children").run()
    table = at.dataframe[0].value
    assert table.loc[table["District"] == "Alatau", "Gap index (0–100)"].item() == "Insufficient data"
