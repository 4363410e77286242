"""Photos of an audit draft: stored the moment they are attached, so a reload keeps them.

Each photo is checked like any evidence (content sniffed, size limit, damaged images refused),
re-encoded without EXIF (location, camera) and kept with a thumbnail under
``<evidence>/drafts/<person>/<token>``; the draft names it by its random token. On submit the
photos become the visit's evidence and these files go; discarding the draft removes them too.
A person reaches only their own folder, and only through a well-formed token.
"""

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.errors import RuleViolation
from tracker.services.actor import Actor
from tracker.services.audits import without_metadata
from tracker.services.evidence import IMAGE_TYPES, Upload, _thumbnail, check_upload, clean_filename, evidence_root

TOKEN = re.compile(r"[0-9a-f]{32}\.(jpg|png|webp)")
#: At most this many photos per audit draft: enough for every zone, not a photo album.
MAX_PHOTOS = 40


@dataclass(frozen=True)
class DraftPhoto:
    token: str
    filename: str

    def as_json(self) -> dict[str, str]:
        return {"token": self.token, "filename": self.filename}


def _folder(actor: Actor, root: Path | None) -> Path:
    if actor.user_id is None:
        raise RuleViolation("evidence.draft_needs_person")
    return (root or evidence_root()) / "drafts" / str(int(actor.user_id))


def _path(actor: Actor, token: str, root: Path | None, thumbnail: bool = False) -> Path | None:
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    return _folder(actor, root) / (f"{token}.thumb.jpg" if thumbnail else token)


def keep_photo(actor: Actor, upload: Upload, count: int = 0, root: Path | None = None) -> DraftPhoto:
    """Check, clean and store one photo for ``actor``'s draft; RuleViolation says why it is refused."""
    if count >= MAX_PHOTOS:
        raise RuleViolation("evidence.draft_too_many", limit=MAX_PHOTOS)
    content_type = check_upload(upload, "visit")
    clean = without_metadata(upload)
    check_upload(clean, "visit")
    token = f"{uuid.uuid4().hex}.{IMAGE_TYPES[content_type]}"
    folder = _folder(actor, root)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / token).write_bytes(clean.data)
    (folder / f"{token}.thumb.jpg").write_bytes(_thumbnail(clean.data))
    return DraftPhoto(token, clean_filename(upload.filename))


def photo_bytes(actor: Actor, token: str, thumbnail: bool = False, root: Path | None = None) -> bytes | None:
    path = _path(actor, token, root, thumbnail)
    return path.read_bytes() if path is not None and path.is_file() else None


def remove_photo(actor: Actor, token: str, root: Path | None = None) -> None:
    for thumbnail in (False, True):
        path = _path(actor, token, root, thumbnail)
        if path is not None:
            path.unlink(missing_ok=True)


def uploads(actor: Actor, photos: dict[str, list[dict]], root: Path | None = None) -> list[Upload]:
    """The draft's photos, still on disk, as uploads for the visit; each remembers its zone."""
    out = []
    for zone, items in (photos or {}).items():
        for item in items:
            data = photo_bytes(actor, item.get("token"), root=root)
            if data:
                out.append(Upload(item.get("filename") or "photo", data, comment=f"zone:{zone}"))
    return out


def drop_photos(actor: Actor, photos: dict[str, list[dict]], root: Path | None = None) -> None:
    """Remove the draft's photo files (after submit, or when the draft is discarded)."""
    for items in (photos or {}).values():
        for item in items:
            remove_photo(actor, item.get("token"), root)
