"""Monitoring visits and the discrepancies they reveal: service, analytics and map layer."""

import io
from datetime import date, timedelta

import pandas as pd
import pytest
from PIL import Image
from pydantic import ValidationError

from tests import factories
from tests.support.codes import codes
from tracker.analytics.discrepancies import (
    claimed_vs_verified,
    discrepancies,
    latest_visits,
    summary,
)
from tracker.domain import PermissionDenied, RuleViolation, Stage, calendar
from tracker.maps.discrepancies import (
    DISCREPANCY_COLOUR,
    build_discrepancy_map,
    discrepancy_layer,
)
from tracker.services import evidence
from tracker.services.actor import PUBLIC, Actor, Role
from tracker.services.facilities import update_facility
from tracker.services.visits import record_visit, visits_for
from tracker.storage.queries import facilities_frame

MONITOR = Actor("aigerim", Role.MONITOR, organisation="«Тең қоғам» ҚБ")
EDITOR = Actor("ed", Role.DISTRICT_EDITOR, districts=frozenset({factories.TALDYKORGAN}))
MANAGER = Actor("man", Role.MANAGER, oblasts=frozenset({"Zhetysu Region"}))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "#E69F00").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def db(memory_db):
    """Visits are about the service and analytics: the in-memory copy is enough."""
    return memory_db


def _visit(fid: int, **over) -> dict:
    return {
        "facility_id": fid,
        "visited_on": date(2025, 5, 20),
        "organisation": "«Тең қоғам» ҚБ",
        "findings": {"wheelchair": "VND", "vision": "DP"},
        "zone_notes": {"entrance": "Пандус жоқ", "sanitary": "  "},
    } | over


def _frames(db):
    with db.read() as store:
        from tracker.services.visits import visits_frame

        return facilities_frame(store.conn), visits_frame(store.conn)


def test_a_visit_with_photos_is_stored_and_changes_no_official_data(db, fid, tmp_path):
    vid = record_visit(db, MONITOR, _visit(fid), [evidence.Upload("кіреберіс.png", _png())], root=tmp_path)
    frame = visits_for(db, MANAGER, [fid])
    assert frame.iloc[0]["id"] == vid and frame.iloc[0]["findings"] == {"wheelchair": "VND", "vision": "DP"}
    assert frame.iloc[0]["zone_notes"] == {"entrance": "Пандус жоқ"}  # blank notes dropped
    assert frame.iloc[0]["recorded_by"] == "aigerim"
    [photo] = evidence.list_evidence(db, fid)
    assert photo.visit_id == vid and photo.kind == "visit"
    with db.read() as store:
        assert store.facilities.require(fid).version == 1
        assert [e.field for e in store.facilities.history(fid)] == ["*created"]


def test_the_public_sees_visits_without_names_of_people(db, fid):
    record_visit(db, MONITOR, _visit(fid))
    assert visits_for(db, PUBLIC, [fid]).iloc[0]["recorded_by"] is None


@pytest.mark.parametrize("actor", [EDITOR, MANAGER, PUBLIC], ids=lambda a: a.role.value)
def test_only_monitors_and_admins_record_visits(db, fid, actor):
    with pytest.raises(PermissionDenied):
        record_visit(db, actor, _visit(fid))


@pytest.mark.parametrize(
    "over, code",
    [
        ({"visited_on": calendar.today() + timedelta(days=1)}, "visit.date_range"),
        ({"findings": {}}, "visit.no_findings"),
        ({"organisation": ""}, "value.required"),
        ({"zone_notes": {"entrance": "x" * 2001}}, "visit.note_length"),
    ],
)
def test_visit_validation(db, fid, over, code):
    with pytest.raises((ValidationError, RuleViolation)) as refused:
        record_visit(db, MONITOR, _visit(fid, **over))
    assert codes(refused.value) == [code]
    with db.read() as store:
        assert store.visits.count() == 0


def test_completed_object_found_without_wheelchair_access_is_a_discrepancy(db, fid):
    update_facility(db, EDITOR, fid, {"stage": Stage.COMPLETED, "actual_completion": date(2025, 4, 1)}, 1)
    facilities, visits = _frames(db)
    assert summary(claimed_vs_verified(facilities, visits))["not_visited"] == 1
    record_visit(db, MONITOR, _visit(fid))
    facilities, visits = _frames(db)
    found = discrepancies(facilities, visits)
    assert list(found["id"]) == [fid]
    assert found.iloc[0]["gaps"] == [{"category": "wheelchair", "target": "DP", "found": "VND"}]
    # A later visit that finds the ramp built clears it; the latest visit decides.
    record_visit(db, MONITOR, _visit(fid, visited_on=date(2025, 6, 1), findings={"wheelchair": "DP"}))
    facilities, visits = _frames(db)
    assert discrepancies(facilities, visits).empty
    assert summary(claimed_vs_verified(facilities, visits)) == {
        "claimed": 1,
        "discrepancy": 0,
        "confirmed": 1,
        "not_visited": 0,
    }


def test_objects_not_reported_done_are_never_discrepancies(db, fid):
    record_visit(db, MONITOR, _visit(fid))  # the object is only planned
    facilities, visits = _frames(db)
    assert discrepancies(facilities, visits).empty


def test_latest_visit_is_by_date_then_by_entry():
    visits = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "facility_id": [7, 7, 7],
            "visited_on": [date(2025, 5, 2), date(2025, 5, 1), date(2025, 5, 2)],
            "findings": [{}, {}, {}],
        }
    )
    assert list(latest_visits(visits)["id"]) == [3]


PAYLOADS = ['<script>document.title="PWNED"</script>', "${document.body.id='PWNED'}", "`x`\\"]


def test_the_map_layer_escapes_every_user_string():
    frame = pd.DataFrame(
        {
            "id": [1],
            "name_kk": [PAYLOADS[0]],
            "name_ru": [PAYLOADS[1]],
            "lat": [45.0],
            "lon": [78.4],
            "stage": ["completed"],
            "visited_on": [date(2025, 5, 20)],
            "organisation": [PAYLOADS[1] + PAYLOADS[2]],
            "gaps": [[{"category": "wheelchair", "target": "DP", "found": "VND"}]],
        }
    )
    layer = discrepancy_layer(frame, "kk")
    html = (
        build_discrepancy_map(
            frame, frame, {"type": "FeatureCollection", "features": []}, "kk", True, "geokz", tiles=None
        )
        .get_root()
        .render()
    )
    assert layer.layer_name and DISCREPANCY_COLOUR in html
    assert "<script>document.title" not in html and "${document" not in html
    [geojson] = [c for c in layer._children.values()]
    props = geojson.data["features"][0]["properties"]
    assert props["name"] == "&lt;script&gt;document.title=&quot;PWNED&quot;&lt;/script&gt;"
    assert props["visit"].endswith("&#36;{document.body.id=&#x27;PWNED&#x27;}&#96;x&#96;&#92;")
    assert props["gaps"] == "К: табылды ВНД, мақсат ДП"
