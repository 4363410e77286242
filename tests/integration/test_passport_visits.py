"""Monitoring visits found per zone × category: the state per category is the worst zone, and
claimed vs verified compares it with the target computed from the passport's zones."""

from datetime import date

import pytest

from tests import factories
from tracker.analytics.discrepancies import discrepancies
from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.passport import Zone
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.facilities import create_facility, update_facility
from tracker.services.visits import record_visit, visits_for, visits_frame
from tracker.storage.queries import facilities_frame

MONITOR = Actor("aigerim", Role.MONITOR, organisation="«Тең қоғам» ҚБ")
EDITOR = Actor("ed", Role.DISTRICT_EDITOR, districts=frozenset({factories.TALDYKORGAN}))


@pytest.fixture
def fid(memory_db):
    zones = {
        "entrance": {"states": {"wheelchair": {"current": "DP", "target": "DP"}}},
        "sanitary": {"states": {"wheelchair": {"current": "DP", "target": "DCH"}}},
    }
    f = factories.facility(passport_zones=zones, stage="completed", actual_completion=date(2025, 4, 1))
    return create_facility(memory_db, SYSTEM, f).stored.model.id


def _visit(fid: int, zone_findings: dict, **over) -> dict:
    return {
        "facility_id": fid,
        "visited_on": date(2025, 5, 20),
        "organisation": "«Тең қоғам» ҚБ",
        "zone_findings": zone_findings,
        "zone_notes": {"entrance": "Пандус бар, бірақ тым тік"},
    } | over


def test_findings_per_zone_give_the_worst_zone_per_category(memory_db, fid):
    found = {"entrance": {"wheelchair": "DU", "vision": "DP"}, "sanitary": {"wheelchair": "DP"}, "route": {}}
    record_visit(memory_db, MONITOR, _visit(fid, found))
    row = visits_for(memory_db, MONITOR, [fid]).iloc[0]
    assert row["findings"] == {"wheelchair": "DU", "vision": "DP"}
    assert row["zone_findings"] == {"entrance": {"wheelchair": "DU", "vision": "DP"}, "sanitary": {"wheelchair": "DP"}}


def test_claimed_vs_verified_compares_the_computed_states(memory_db, fid):
    # The register's target for К is the worst zone target: ДЧ (sanitary). A steep ramp (ДУ) misses it.
    record_visit(memory_db, MONITOR, _visit(fid, {"entrance": {"wheelchair": "DU"}}))
    with memory_db.read() as store:
        found = discrepancies(facilities_frame(store.conn), visits_frame(store.conn))
    assert found.iloc[0]["gaps"] == [{"category": "wheelchair", "target": "DCH", "found": "DU"}]

    # The district lowers nothing but fixes the ramp; a later visit finds every zone within target.
    later = {"entrance": {"wheelchair": "DP"}, "sanitary": {"wheelchair": "DCH"}}
    record_visit(memory_db, MONITOR, _visit(fid, later, visited_on=date(2025, 6, 2)))
    with memory_db.read() as store:
        assert discrepancies(facilities_frame(store.conn), visits_frame(store.conn)).empty


def test_a_zone_edit_moves_the_target_that_visits_are_judged_against(memory_db, fid):
    with memory_db.read() as store:
        stored = store.facilities.require(fid)
    zones = stored.model.model_dump(mode="json")["passport_zones"]
    zones["sanitary"]["states"]["wheelchair"]["target"] = "DP"
    saved = update_facility(memory_db, EDITOR, fid, {"passport_zones": zones}, stored.version).stored
    assert saved.model.passport[DisabilityCategory.WHEELCHAIR].target is PassportState.FULL
    assert saved.model.passport_zones[Zone.SANITARY].states[DisabilityCategory.WHEELCHAIR].target is PassportState.FULL
