"""A site audit recorded as a monitoring visit: its states feed claimed vs verified, its answers
stay in the history, and its photos lose their location and camera data."""

import io
import json
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import select

from tests import factories
from tracker.analytics.discrepancies import discrepancies
from tracker.domain.errors import RuleViolation
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.audits import audit_verdict, record_audit, without_metadata
from tracker.services.evidence import Upload
from tracker.services.facilities import create_facility
from tracker.services.visits import visits_for, visits_frame
from tracker.storage.queries import facilities_frame
from tracker.storage.tables import history

MONITOR = Actor("aigerim", Role.MONITOR, organisation="«Тең қоғам» ҚБ")
# What a monitor measures at a school door: a 4 cm threshold, a 0.85 m door, no call button.
ANSWERS = {
    "entrance": {"threshold_height": "4", "door_width": 0.85, "call_button": "no", "tactile_indicators": "na"},
    "sanitary": {"accessible_toilet": "yes", "grab_bars": "yes", "cubicle_width": 1.7, "cubicle_depth": 1.8},
}


@pytest.fixture
def fid(memory_db):
    zones = {"entrance": {"states": {"wheelchair": {"current": "DP", "target": "DP"}}}}
    f = factories.facility(passport_zones=zones, stage="completed", actual_completion=date(2025, 4, 1))
    return create_facility(memory_db, SYSTEM, f).stored.model.id


def test_an_audit_is_a_visit_with_its_states_answers_and_checklist_version(memory_db, fid):
    visit_id, verdict = record_audit(memory_db, MONITOR, fid, date(2025, 5, 20), "«Тең қоғам» ҚБ", ANSWERS)
    assert verdict.conclusion == "ДЧ-И (О), ДУ-И (К)"  # С not assessed: tactile indicators n/a
    row = visits_for(memory_db, MONITOR, [fid]).iloc[0]
    assert row["id"] == visit_id
    assert row["zone_findings"]["entrance"] == {"wheelchair": "DU", "mobility": "DCH"}
    assert row["audit"]["checklist_version"] == "2026.1"
    assert row["audit"]["answers"]["entrance"]["threshold_height"] == 4.0
    assert audit_verdict(row["audit"]).conclusion == verdict.conclusion
    with memory_db.read() as store:
        fields = dict(
            store.conn.execute(
                select(history.c.field, history.c.new_value).where(
                    history.c.entity == "visit", history.c.entity_id == str(visit_id)
                )
            ).all()
        )
    created = json.loads(fields["*created"])
    assert created["audit.answers.entrance.threshold_height"] == 4.0
    assert created["audit.answers.entrance.tactile_indicators"] == "na"
    assert created["audit.checklist_version"] == "2026.1"


def test_the_object_is_a_discrepancy_when_its_official_state_is_better(memory_db, fid):
    record_audit(memory_db, MONITOR, fid, date(2025, 5, 20), "«Тең қоғам» ҚБ", ANSWERS)
    with memory_db.read() as store:
        found = discrepancies(facilities_frame(store.conn), visits_frame(store.conn))
    assert found.iloc[0]["gaps"] == [
        {"category": "wheelchair", "target": "DP", "found": "DU"},
        {"category": "mobility", "target": "DP", "found": "DCH"},
    ]


def test_an_audit_with_nothing_answered_is_refused_and_stores_nothing(memory_db, fid):
    with pytest.raises(RuleViolation) as refused:
        record_audit(memory_db, MONITOR, fid, date(2025, 5, 20), "«Тең қоғам» ҚБ", {"entrance": {"door_width": "na"}})
    assert refused.value.code == "visit.no_findings"
    assert visits_for(memory_db, MONITOR, [fid]).empty


def _phone_photo() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0110] = "Model X"
    exif[0x8825] = {2: (43.0, 15.0, 0.0), 1: "N"}  # GPS latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_photos_lose_location_and_camera_data():
    raw = _phone_photo()
    assert Image.open(io.BytesIO(raw)).getexif()
    clean = without_metadata(Upload("IMG_0001.jpg", raw))
    with Image.open(io.BytesIO(clean.data)) as image:
        assert dict(image.getexif()) == {} and image.size == (64, 48)
    assert b"PhoneMaker" not in clean.data


def test_the_audit_photo_is_stored_without_exif(memory_db, fid, tmp_path):
    record_audit(
        memory_db,
        MONITOR,
        fid,
        date(2025, 5, 20),
        "«Тең қоғам» ҚБ",
        ANSWERS,
        photos=[Upload("IMG_0001.jpg", _phone_photo())],
        root=tmp_path,
    )
    stored = [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.endswith(".thumb.jpg")]
    assert stored and all(b"PhoneMaker" not in p.read_bytes() for p in stored)
