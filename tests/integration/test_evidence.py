"""Photos and documents: checked by content and size, stored under random names, thumbnails."""

import io
from datetime import date

import pytest
from PIL import Image
from pydantic import ValidationError

from tests import factories
from tests.support.codes import codes
from tracker.domain import PermissionDenied, RuleViolation
from tracker.services import evidence
from tracker.services.actor import Actor, Role
from tracker.services.visits import record_visit

EDITOR = Actor("ed", Role.DISTRICT_EDITOR, districts=frozenset({factories.TALDYKORGAN}))


def image(kind: str = "PNG", size=(1200, 900)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#56B4E9").save(out, kind)
    return out.getvalue()


@pytest.fixture
def files(tmp_path):
    return tmp_path / "evidence"


@pytest.fixture
def db(memory_db):
    """Evidence is about the service and files on disk: the in-memory copy is enough."""
    return memory_db


def test_a_photo_is_kept_with_a_thumbnail_under_a_random_name(db, fid, files):
    name = '../../<img src=x onerror=alert(1)>\x00 "фото".png'
    eid = evidence.attach(db, EDITOR, fid, "before", evidence.Upload(name, image()), root=files)
    [item] = evidence.list_evidence(db, fid)
    assert item.id == eid and item.is_image and item.content_type == "image/png"
    assert item.filename == '<img src=x onerror=alert(1)> "фото".png'  # path and NUL gone; escaped on display
    assert "/" not in item.stored_name and item.stored_name.endswith(".png")
    assert evidence.file_bytes(item, files) == image()
    thumb = Image.open(io.BytesIO(evidence.file_bytes(item, files, thumbnail=True)))
    assert max(thumb.size) <= 320 and thumb.format == "JPEG"
    with db.read() as store:
        assert [e.field for e in store.facilities.history(fid)] == ["*created"]
        assert [e.field for e in store.evidence.history(eid)] == ["*created"]  # the object is unchanged
    assert sorted(p.name for p in files.iterdir()) == sorted([item.stored_name, item.stored_name + ".thumb.jpg"])


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("photo.jpg", b"<script>alert(1)</script>", "evidence.not_a_photo"),
        ("photo.png", b"MZ\x90\x00" + b"\x00" * 100, "evidence.not_a_photo"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "evidence.damaged"),
        ("empty.png", b"", "evidence.empty"),
    ],
)
def test_uploads_are_judged_by_content_not_extension(db, fid, files, name, data, code):
    with pytest.raises(RuleViolation) as refused:
        evidence.attach(db, EDITOR, fid, "after", evidence.Upload(name, data), root=files)
    assert refused.value.code == code
    assert evidence.list_evidence(db, fid) == []
    assert not files.exists() or list(files.iterdir()) == []


def test_a_pdf_is_a_document_not_a_photo(db, fid, files):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with pytest.raises(RuleViolation) as refused:
        evidence.attach(db, EDITOR, fid, "after", evidence.Upload("act.pdf", pdf), root=files)
    assert refused.value.code == "evidence.not_a_photo"
    evidence.attach(db, EDITOR, fid, "document", evidence.Upload("акт.pdf", pdf), root=files)
    [item] = evidence.list_evidence(db, fid)
    assert item.content_type == "application/pdf" and not item.is_image
    assert evidence.file_bytes(item, files, thumbnail=True) is None


def test_size_limit(db, fid, files, monkeypatch):
    from tracker.config import get_settings

    monkeypatch.setattr(get_settings(), "upload_max_mb", 1)
    big = image("BMP", (1000, 1000))  # BMP is refused anyway; make a big PNG of noise instead
    noisy = Image.frombytes("RGB", (800, 800), bytes(range(256)) * (800 * 800 * 3 // 256))
    out = io.BytesIO()
    noisy.save(out, "PNG", compress_level=0)
    assert len(out.getvalue()) > 1024 * 1024 and big
    with pytest.raises(RuleViolation) as refused:
        evidence.attach(db, EDITOR, fid, "after", evidence.Upload("big.png", out.getvalue()), root=files)
    assert (refused.value.code, refused.value.params) == ("evidence.too_large", {"limit_mb": 1})


def test_a_png_with_broken_pixel_data_is_refused_as_damaged_for_evidence_and_visits(db, fid, files):
    from tests.support.images import broken_pixels_png

    broken = broken_pixels_png()
    with pytest.raises(RuleViolation) as refused:
        evidence.attach(db, EDITOR, fid, "after", evidence.Upload("IMG_2041.png", broken), root=files)
    assert refused.value.code == "evidence.damaged"
    with pytest.raises(RuleViolation) as on_visit:
        record_visit(
            db,
            Actor("mon", Role.MONITOR),
            {
                "facility_id": fid,
                "visited_on": date(2025, 3, 1),
                "organisation": "ҮЕҰ",
                "findings": {"wheelchair": "VND"},
            },
            [evidence.Upload("IMG_2042.png", broken)],
            root=files,
        )
    assert on_visit.value.code == "evidence.damaged"
    assert not files.exists() or list(files.iterdir()) == []


def test_a_refused_visit_leaves_no_files_behind(db, fid, files):
    monitor = Actor("mon", Role.MONITOR)
    with pytest.raises(RuleViolation) as refused:
        record_visit(
            db,
            monitor,
            {
                "facility_id": fid,
                "visited_on": date(2025, 3, 1),
                "organisation": "ҮЕҰ",
                "findings": {"wheelchair": "VND"},
            },
            [evidence.Upload("ok.png", image()), evidence.Upload("bad.png", b"nope")],
            root=files,
        )
    assert refused.value.code == "evidence.not_a_photo"
    assert not files.exists() or list(files.iterdir()) == []
    with db.read() as store:
        assert store.visits.count() == 0 and store.evidence.count() == 0


def test_monitors_and_the_public_cannot_attach_official_evidence(db, fid, files):
    for actor in (
        Actor("mon", Role.MONITOR),
        Actor("public", Role.PUBLIC),
        Actor("other", Role.DISTRICT_EDITOR, districts=frozenset({factories.TEKELI})),
    ):
        with pytest.raises(PermissionDenied):
            evidence.attach(db, actor, fid, "after", evidence.Upload("a.png", image()), root=files)
    with pytest.raises((RuleViolation, ValidationError)) as refused:
        evidence.attach(db, EDITOR, fid, "visit", evidence.Upload("a.png", image()), root=files)
    assert codes(refused.value) == ["evidence.visit_photo"]


def test_a_damaged_photo_is_refused_even_after_a_pdf_was_made(db, fid, files):
    """Making a PDF imports WeasyPrint, which relaxes Pillow's decoding for the whole process."""
    from tests.support.images import broken_pixels_png
    from tracker.io.report import to_pdf

    assert to_pdf("<p>акт</p>").startswith(b"%PDF")
    with pytest.raises(RuleViolation) as refused:
        evidence.attach(db, EDITOR, fid, "after", evidence.Upload("IMG_2043.png", broken_pixels_png()), root=files)
    assert refused.value.code == "evidence.damaged"
