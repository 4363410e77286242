"""The district report's Invataxi figure is per 1,000 people eligible, and says what that base is."""

import re
from datetime import UTC, datetime

from tests import factories
from tracker.domain import SourcedFigure
from tracker.domain.invataxi_eligible import eligible_people
from tracker.io.report import ReportData, render_report


def _report(district, lang="ru", share=0.026, vehicles=5):
    data = ReportData(
        district=district,
        facilities=[],
        rehab=[],
        invataxi=[factories.invataxi(month="2025-03", vehicles=vehicles)],
        geometry=None,
        approximate=False,
        boundary_source="geokz",
        as_of=None,
        generated_at=datetime(2025, 11, 1, tzinfo=UTC),
        method={"norm_per_1000": 0.49, "eligible_share": share, "reach_km": 50.0},
    )
    return render_report(data, lang)


def _kpis(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<div class="kpi"><b>([^<]*)</b><span>([^<]*)</span>', html)


def _kpi(html: str, caption_start: str) -> tuple[str, str]:
    found = [kpi for kpi in _kpis(html) if kpi[1].startswith(caption_start)]
    assert len(found) == 1, caption_start
    return found[0]


def _registered(n):
    return SourcedFigure(value=n, source="statistics office", year=2024)


def test_an_estimated_base_is_the_share_of_the_registered_and_says_so():
    # 20,000 registered × 2.6 % = 520 eligible; 5 vehicles ÷ 520 × 1,000 = 9.6
    html = _report(factories.district(disabled_total=_registered(20_000)))
    value, caption = _kpi(html, "Машин на 1 000 имеющих право на Инватакси")
    assert value == "9,6"
    assert "≈" in caption and "оценка: 2,6 % зарегистрированных" in caption
    assert not any("1 000 зарегистрированных" in caption for _, caption in _kpis(html))


def test_the_share_set_by_the_administrator_is_the_one_named():
    html = _report(factories.district(disabled_total=_registered(20_000)), lang="kk", share=0.05)
    value, caption = _kpi(html, "Инватаксиге құқығы бар 1 000 адамға")
    assert value == "5,0"  # 5 ÷ 1,000 × 1,000
    assert "бағалау: мүгедектігі бар тіркелген адамдардың 5,0 %-ы" in caption


def test_a_district_s_own_count_is_used_as_given():
    counted = SourcedFigure(value=250, source="akimat register of Invataxi users", year=2025)
    html = _report(factories.district(disabled_total=_registered(20_000), invataxi_eligible=counted), lang="en")
    value, caption = _kpi(html, "Vehicles per 1,000 people eligible")
    assert value == "20.0"
    assert "250" in caption and "counted by the district" in caption and "≈" not in caption


def test_no_base_no_figure():
    html = _report(factories.district(), lang="en")
    assert not any("per 1,000" in caption for _, caption in _kpis(html))


def test_eligible_people_of_a_district():
    assert eligible_people(factories.district()) is None
    estimate = eligible_people(factories.district(disabled_total=_registered(66_947)))
    assert (estimate.value, estimate.year, estimate.estimate) == (1741, 2024, True)
    assert estimate.source.startswith("estimate: eligible for Invataxi = 2.6 %")
