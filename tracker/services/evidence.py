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
from sqlalchemy import Connection, Engine, insert, select

from tracker.config import get_settings
from tracker.domain.errors import NotFound, RuleViolation
from tracker.services.actor import Actor
from tracker.services.permissions import Action, require
from tracker.storage import history
from tracker.storage.tables import districts, evidence, facilities
from tracker.storage.unit_of_work import UnitOfWork, reading

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
        raise RuleViolation(f"unknown evidence kind {kind!r}")
    limit = max_bytes or get_settings().upload_max_mb * 1024 * 1024
    if not upload.data:
        raise RuleViolation("the file is empty")
    if len(upload.data) > limit:
        raise RuleViolation(f"the file is larger than {limit // (1024 * 1024)} MB")
    content_type = sniff(upload.data)
    allowed = IMAGE_TYPES if kind in PHOTO_KINDS else IMAGE_TYPES | DOCUMENT_TYPES
    if content_type not in allowed:
        raise RuleViolation(
            "only JPEG, PNG or WebP photos"
            + ("" if kind in PHOTO_KINDS else " and PDF documents")
            + " are accepted; this file's content is not one of them"
        )
    if content_type in IMAGE_TYPES:
        _check_image(upload.data)
    return content_type


def _check_image(data: bytes) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise RuleViolation("the image has too many pixels")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        if isinstance(exc, RuleViolation):
            raise
        raise RuleViolation("the image cannot be read; it may be damaged") from exc


def _thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        image.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80)  # re-encoding also drops EXIF (GPS, camera)
        return out.getvalue()


def oblast_of_facility(conn: Connection, facility_id: int) -> tuple[str, str]:
    row = conn.execute(
        select(facilities.c.district_kato, districts.c.oblast_en)
        .join(districts, districts.c.kato == facilities.c.district_kato)
        .where(facilities.c.id == facility_id, facilities.c.deleted_at.is_(None))
    ).first()
    if row is None:
        raise NotFound(f"no facility with id {facility_id}")
    return row.district_kato, row.oblast_en


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
    at = history.now()
    values = {
        "facility_id": facility_id,
        "visit_id": visit_id,
        "kind": kind,
        "filename": clean_filename(upload.filename),
        "content_type": content_type,
        "size_bytes": len(upload.data),
        "sha256": hashlib.sha256(upload.data).hexdigest(),
        "stored_name": stored_name,
        "comment": (comment or "").strip()[:2000] or None,
    }
    evidence_id = uow.conn.execute(
        insert(evidence)
        .values(values | {"version": 1, "created_at": at, "updated_at": at, "updated_by": actor.name})
        .returning(evidence.c.id)
    ).scalar_one()
    history.write(
        uow.conn,
        change_id=str(uuid.uuid4()),
        entity="evidence",
        entity_id=evidence_id,
        version=1,
        changes={history.CREATED: (history.ABSENT, values)},
        actor=actor.name,
        at=at,
        comment=values["comment"],
    )
    uow.mark_written()
    return evidence_id


def attach(
    engine: Engine,
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
        with UnitOfWork(engine) as uow:
            kato, oblast = oblast_of_facility(uow.conn, facility_id)
            require(actor, Action.ATTACH_EVIDENCE, kato, oblast)
            if kind == "visit":
                raise RuleViolation("visit photos are attached with the visit")
            evidence_id = store(uow, actor, facility_id, kind, upload, root, written, comment=comment)
            uow.commit()
    except BaseException:
        discard(written)
        raise
    return evidence_id


def discard(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def list_evidence(engine: Engine, facility_id: int, visit_id: int | None = None) -> list[EvidenceItem]:
    query = select(evidence).where(evidence.c.facility_id == facility_id, evidence.c.deleted_at.is_(None))
    if visit_id is not None:
        query = query.where(evidence.c.visit_id == visit_id)
    with reading(engine) as st:
        rows = st.conn.execute(query.order_by(evidence.c.id)).mappings().all()
    return [
        EvidenceItem(
            id=r["id"],
            facility_id=r["facility_id"],
            visit_id=r["visit_id"],
            kind=r["kind"],
            filename=r["filename"],
            content_type=r["content_type"],
            size_bytes=r["size_bytes"],
            stored_name=r["stored_name"],
            comment=r["comment"],
            added_by=r["updated_by"],
            added_at=history._utc(r["created_at"]),
        )
        for r in rows
    ]


def file_bytes(item: EvidenceItem, root: Path | None = None, thumbnail: bool = False) -> bytes | None:
    name = f"{item.stored_name}.thumb.jpg" if thumbnail else item.stored_name
    path = (root or evidence_root()) / name
    return path.read_bytes() if path.exists() else None
