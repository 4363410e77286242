"""Photos and documents attached to objects and visits: checked by content, kept on disk.

The bytes are stored under ``<data_dir>/evidence`` with a random name; the person's file name is
kept only as text (cleaned here, escaped wherever it is shown). A file is accepted when its first
bytes say it is a JPEG, PNG, WebP or PDF (the extension is not trusted), it is within the size
limit, and, for images, Pillow can decode it.
"""

import hashlib
import io
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from tracker.config import get_settings
from tracker.domain.errors import NotFound, RuleViolation
from tracker.domain.evidence import Evidence
from tracker.domain.rules import Record
from tracker.services.actor import Actor
from tracker.services.permissions import Action, require
from tracker.storage.database import Database
from tracker.storage.repository import Stored
from tracker.storage.tables import evidence
from tracker.storage.unit_of_work import Store, UnitOfWork

PHOTO_KINDS = ("before", "after", "visit")
KINDS = PHOTO_KINDS + ("document",)
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
DOCUMENT_TYPES = {"application/pdf": "pdf"}
MAX_PIXELS = 60_000_000
THUMBNAIL_SIZE = (320, 320)


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes
    #: Kept with the stored file (an audit photo's zone, ``zone:<zone>``).
    comment: str | None = None


@dataclass(frozen=True)
class EvidenceItem:
    id: int
    facility_id: int
    visit_id: int | None
    kind: str
    filename: str
    content_type: str
    size_bytes: int
    stored_name: str
    comment: str | None
    added_by: str
    added_at: datetime

    @property
    def is_image(self) -> bool:
        return self.content_type in IMAGE_TYPES

    @classmethod
    def of(cls, stored: Stored[Evidence]) -> "EvidenceItem":
        e = stored.model
        return cls(
            id=e.id,
            facility_id=e.facility_id,
            visit_id=e.visit_id,
            kind=e.kind,
            filename=e.filename,
            content_type=e.content_type,
            size_bytes=e.size_bytes,
            stored_name=e.stored_name,
            comment=e.comment,
            added_by=stored.updated_by,
            added_at=stored.updated_at,
        )


def evidence_root() -> Path:
    return get_settings().data_dir / "evidence"


def sniff(data: bytes) -> str | None:
    """The content type the file's first bytes announce, among the accepted ones."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def clean_filename(name: str | None) -> str:
    """The last path part, NFC, without control characters, at most 200 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    base = base.strip().lstrip(".")
    return base[:200] or "file"


def check_upload(upload: Upload, kind: str, max_bytes: int | None = None) -> str:
    """The file's content type, or RuleViolation saying why it is refused."""
    if kind not in KINDS:
        raise RuleViolation("evidence.kind", kind=kind)
    limit = max_bytes or get_settings().upload_max_mb * 1024 * 1024
    if not upload.data:
        raise RuleViolation("evidence.empty")
    if len(upload.data) > limit:
        raise RuleViolation("evidence.too_large", limit_mb=limit // (1024 * 1024))
    content_type = sniff(upload.data)
    if kind in PHOTO_KINDS and content_type not in IMAGE_TYPES:
        raise RuleViolation("evidence.not_a_photo")
    if content_type not in IMAGE_TYPES | DOCUMENT_TYPES:
        raise RuleViolation("evidence.not_a_photo_or_pdf")
    if content_type in IMAGE_TYPES:
        _check_image(upload.data)
    return content_type


def _check_image(data: bytes) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise RuleViolation("evidence.too_many_pixels")
            image.verify()
        # verify() reads the structure only; broken pixel data shows when the image is decoded.
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        if isinstance(exc, RuleViolation):
            raise
        raise RuleViolation("evidence.damaged") from exc


def _thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        image.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80)  # re-encoding also drops EXIF (GPS, camera)
        return out.getvalue()


def oblast_of_facility(store: Store, facility_id: int) -> tuple[str, str]:
    """The district and oblast of a live object; NotFound when there is none."""
    facility = store.facilities.get(facility_id)
    district = store.districts.get(facility.model.district_kato) if facility is not None else None
    if district is None:
        raise NotFound(Record.FACILITY, facility_id)
    return district.model.kato, district.model.oblast_en


def store(
    uow: UnitOfWork,
    actor: Actor,
    facility_id: int,
    kind: str,
    upload: Upload,
    root: Path,
    written: list[Path],
    visit_id: int | None = None,
    comment: str | None = None,
) -> int:
    """Write the file and its row inside the caller's unit of work (permission checked by it)."""
    content_type = check_upload(upload, kind)
    stored_name = f"{uuid.uuid4().hex}.{(IMAGE_TYPES | DOCUMENT_TYPES)[content_type]}"
    root.mkdir(parents=True, exist_ok=True)
    path = root / stored_name
    path.write_bytes(upload.data)
    written.append(path)
    if content_type in IMAGE_TYPES:
        thumb = root / f"{stored_name}.thumb.jpg"
        thumb.write_bytes(_thumbnail(upload.data))
        written.append(thumb)
    item = Evidence(
        facility_id=facility_id,
        visit_id=visit_id,
        kind=kind,
        filename=clean_filename(upload.filename),
        content_type=content_type,
        size_bytes=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        stored_name=stored_name,
        comment=(comment or "").strip()[:2000] or None,
    )
    return uow.evidence.add(item, actor.name, item.comment)


def attach(
    db: Database,
    actor: Actor,
    facility_id: int,
    kind: str,
    upload: Upload,
    comment: str | None = None,
    root: Path | None = None,
) -> int:
    """Attach a before/after photo or a document to an object of the actor's scope."""
    root = root or evidence_root()
    written: list[Path] = []
    try:
        with db.write() as uow:
            kato, oblast = oblast_of_facility(uow, facility_id)
            require(actor, Action.ATTACH_EVIDENCE, kato, oblast)
            if kind == "visit":
                raise RuleViolation("evidence.visit_photo")
            evidence_id = store(uow, actor, facility_id, kind, upload, root, written, comment=comment)
            uow.commit()
    except BaseException:
        discard(written)
        raise
    return evidence_id


def discard(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def list_evidence(db: Database, facility_id: int, visit_id: int | None = None) -> list[EvidenceItem]:
    where = [evidence.c.facility_id == facility_id]
    if visit_id is not None:
        where.append(evidence.c.visit_id == visit_id)
    with db.read() as store:
        return [EvidenceItem.of(s) for s in store.evidence.all(*where)]


def file_bytes(item: EvidenceItem, root: Path | None = None, thumbnail: bool = False) -> bytes | None:
    name = f"{item.stored_name}.thumb.jpg" if thumbnail else item.stored_name
    path = (root or evidence_root()) / name
    return path.read_bytes() if path.exists() else None
