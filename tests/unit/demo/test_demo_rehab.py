"""The eleven rehabilitation centres of the seed article, in their towns and districts."""

import re
from datetime import date
from decimal import Decimal

import pytest

from tracker.demo.rehab import A_KIND, A_TOWN, rehab_centres
from tracker.domain import RehabKind, RehabStatus, TargetGroup
from tracker.i18n import source_text

EXPECTED_DISTRICTS = [
    "331000000",
    "331000000",
    "333400000",
    "196200000",
    "191000000",
    "334400000",
    "334800000",
    "194200000",
    "331800000",
    "331000000",
    "331000000",
]


def test_every_seed_centre_is_there_once(demo):
    centres = demo.rehab_centers
    assert len(centres) == 11
    assert [c.district_kato for c in centres] == EXPECTED_DISTRICTS
    assert len({c.name for c in centres}) == 11
    assert [c.external_id for c in centres] == [f"DEMO-REHAB-{i:02d}" for i in range(1, 12)]


def test_places_and_budget_follow_the_seed(demo):
    places = [c.places for c in demo.rehab_centers]
    assert places == [150, 50, 50, 50, 50, 50, 40, 180, None, None, None]
    budgets = {c.district_kato: c.budget for c in demo.rehab_centers if c.budget is not None}
    assert budgets == {"333400000": Decimal("80000000.00")}


def test_sources_cite_the_seed_and_label_what_the_demo_assumes(demo):
    for c in demo.rehab_centers:
        assert c.demo
        assert c.source.startswith("seed article on the programme in Almaty oblast (2021): ")
        # the seed names no kind of service (stationary, day care…) for any centre
        assert "demo assumptions: " in c.source and A_KIND in c.source
    usharal = demo.rehab_centers[2]
    assert "purchased building, 80 mln ₸" in usharal.source and A_TOWN in usharal.source
    assert "opened in 2022, as planned" in usharal.source


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_seed_notes_and_assumptions_are_said_in_kazakh_and_russian(demo, lang):
    for c in demo.rehab_centers:
        said = source_text(c.source, lang)
        assert not re.search(r"[A-Za-z]{3,}", said.replace("KATO", "")), said


def test_status_as_of_the_demo_date(demo):
    status = [c.status for c in demo.rehab_centers]
    assert status[0] == RehabStatus.UNDER_CONSTRUCTION  # the new build in Taldykorgan
    assert status.count(RehabStatus.OPERATING) == 10
    operating = [c for c in demo.rehab_centers if c.status == RehabStatus.OPERATING]
    assert all(c.opening_year for c in operating if "Қарақыстақ" not in c.name)


def test_in_2021_most_centres_were_still_plans(region):
    early = rehab_centres(region, date(2021, 6, 1))
    assert [c.status for c in early].count(RehabStatus.OPERATING) == 2  # Шапағат, Бәйтерек
    assert early[3].status == RehabStatus.UNDER_CONSTRUCTION  # Аяла's new wing
    # in 2021 the demo supposes nothing about what came later, only what the seed leaves unsaid
    assert all("opened" not in c.source and "finished" not in c.source for c in early)
    assert all(A_KIND in c.source for c in early)


def test_kinds_and_groups(demo):
    karakystak = demo.rehab_centers[7]
    assert karakystak.kind == RehabKind.STATIONARY and TargetGroup.PSYCHONEUROLOGICAL in karakystak.target_groups
    assert TargetGroup.AUTISM in demo.rehab_centers[1].target_groups
    assert TargetGroup.ELDERLY in demo.rehab_centers[8].target_groups


def test_only_centres_of_the_given_districts(region):
    zhetysu = [d for d in region if d.oblast_en == "Zhetysu Region"]
    assert {c.district_kato[:2] for c in rehab_centres(zhetysu, date(2025, 11, 1))} == {"33"}
