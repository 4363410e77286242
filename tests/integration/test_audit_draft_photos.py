"""Photos of an audit draft: kept at once without EXIF, refused when damaged or too big, removable,
only the person's own, and on submit the visit's evidence with their zone (the files then go)."""

import io
import os
from datetime import date

import pytest
from PIL import Image

from tests import factories
from tracker.config import get_settings
from tracker.domain.errors import RuleViolation
from tracker.services import draft_photos
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.audit_acts import photo_zone
from tracker.services.audits import record_audit
from tracker.services.evidence import Upload, list_evidence
from tracker.services.facilities import create_facility

MONITOR = Actor("aigerim", Role.MONITOR, user_id=7, organisation="«Тең қоғам» ҚБ")
OTHER = Actor("dana", Role.MONITOR, user_id=8)


def phone_photo(size=(640, 480)) -> bytes:
    """A JPEG as a phone writes it: camera make and model and a GPS position in EXIF."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Model X"
    exif[0x8825] = {2: (43.0, 15.0, 0.0), 1: "N"}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_kept_at_once_without_exif_with_a_thumbnail_and_can_be_removed(tmp_path):
    kept = draft_photos.keep_photo(MONITOR, Upload("../../IMG_0001.jpg", phone_photo()), root=tmp_path)
    assert kept.filename == "IMG_0001.jpg"
    data = draft_photos.photo_bytes(MONITOR, kept.token, root=tmp_path)
    assert b"PhoneMaker" not in data and dict(Image.open(io.BytesIO(data)).getexif()) == {}
    thumb = draft_photos.photo_bytes(MONITOR, kept.token, thumbnail=True, root=tmp_path)
    assert max(Image.open(io.BytesIO(thumb)).size) <= 320
    assert draft_photos.photo_bytes(OTHER, kept.token, root=tmp_path) is None  # another person's folder
    draft_photos.remove_photo(MONITOR, kept.token, root=tmp_path)
    assert draft_photos.photo_bytes(MONITOR, kept.token, root=tmp_path) is None
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


@pytest.mark.parametrize("token", ["../../tracker.db", "x.jpg", "", None, "0" * 32 + ".exe"])
def test_only_well_formed_tokens_reach_a_file(tmp_path, token):
    assert draft_photos.photo_bytes(MONITOR, token, root=tmp_path) is None
    draft_photos.remove_photo(MONITOR, token, root=tmp_path)  # nothing to do, nothing raised


def test_damaged_not_a_photo_too_big_and_too_many_are_refused(tmp_path, monkeypatch):
    broken = phone_photo()[:600]  # a phone's upload cut off on a weak connection
    with pytest.raises(RuleViolation) as refused:
        draft_photos.keep_photo(MONITOR, Upload("cut.jpg", broken), root=tmp_path)
    assert refused.value.code == "evidence.damaged"
    with pytest.raises(RuleViolation) as refused:
        draft_photos.keep_photo(MONITOR, Upload("act.docx", b"PK\x03\x04 not a photo"), root=tmp_path)
    assert refused.value.code == "evidence.not_a_photo"
    with pytest.raises(RuleViolation) as refused:
        draft_photos.keep_photo(MONITOR, Upload("x.jpg", phone_photo()), count=draft_photos.MAX_PHOTOS, root=tmp_path)
    assert refused.value.code == "evidence.draft_too_many"
    monkeypatch.setenv("TRACKER_UPLOAD_MAX_MB", "1")
    get_settings.cache_clear()
    try:
        big = Image.frombytes("RGB", (900, 900), os.urandom(900 * 900 * 3))
        out = io.BytesIO()
        big.save(out, "PNG")
        with pytest.raises(RuleViolation) as refused:
            draft_photos.keep_photo(MONITOR, Upload("big.png", out.getvalue()), root=tmp_path)
        assert refused.value.code == "evidence.too_large"
    finally:
        get_settings.cache_clear()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    with pytest.raises(RuleViolation) as refused:
        draft_photos.keep_photo(Actor("cli", Role.ADMIN), Upload("x.jpg", phone_photo()), root=tmp_path)
    assert refused.value.code == "evidence.draft_needs_person"


def test_on_submit_the_photos_become_the_visits_evidence_with_their_zone(memory_db, tmp_path):
    fid = create_facility(memory_db, SYSTEM, factories.facility()).stored.model.id
    drafts_root, evidence_root = tmp_path / "e", tmp_path / "e"
    kept = draft_photos.keep_photo(MONITOR, Upload("кіреберіс.jpg", phone_photo()), root=drafts_root)
    photos = {"entrance": [kept.as_json()]}
    uploads = draft_photos.uploads(MONITOR, photos, root=drafts_root)
    answers = {"entrance": {"door_width": 0.7}}
    visit_id, _ = record_audit(
        memory_db, MONITOR, fid, date(2025, 5, 20), "«Тең қоғам» ҚБ", answers, uploads, root=evidence_root
    )
    draft_photos.drop_photos(MONITOR, photos, root=drafts_root)
    items = list_evidence(memory_db, fid, visit_id=visit_id)
    assert [(i.filename, i.kind, photo_zone(i.comment)) for i in items] == [("кіреберіс.jpg", "visit", "entrance")]
    assert draft_photos.photo_bytes(MONITOR, kept.token, root=drafts_root) is None
    assert not (drafts_root / "drafts" / "7").exists() or not any((drafts_root / "drafts" / "7").iterdir())
