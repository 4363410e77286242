"""Photos on an audit step: stored with the draft as soon as they are chosen, shown as thumbnails.

The uploader takes a new key after each batch, so a file is stored once; a refused file's reason
is shown after the rerun. The draft keeps ``{zone: [{token, filename}]}`` (``PHOTOS``).
"""

from collections.abc import Callable

import streamlit as st

from tracker.domain import TrackerError
from tracker.domain.passport import Zone
from tracker.i18n import t
from tracker.services import draft_photos
from tracker.services.evidence import Upload
from tracker.ui import context
from tracker.ui.form_errors import messages
from tracker.ui.markdown import md_escape

PHOTOS = "audit_photos"
ROUND = "audit_photos_round"
REFUSED = "audit_photos_refused"
THUMB_PX = 160


def reset(photos: dict | None) -> None:
    """The photos of the draft just opened (none for a new one)."""
    st.session_state[PHOTOS] = {z: list(items) for z, items in (photos or {}).items() if items}
    st.session_state.pop(REFUSED, None)


def count() -> int:
    return sum(len(items) for items in st.session_state.get(PHOTOS, {}).values())


def _grid(items: list[tuple[str, dict]], lang: str, keep: Callable[[], None] | None, columns: int = 3) -> None:
    """Small thumbnails: three a row on a wide screen; on a phone the columns stack, each 160 px wide."""
    actor = context.actor()
    cols = st.columns(columns)
    for n, (zone, item) in enumerate(items):
        with cols[n % columns]:
            thumb = draft_photos.photo_bytes(actor, item["token"], thumbnail=True)
            if thumb:
                st.image(thumb, width=THUMB_PX)
            st.text(item["filename"] if keep else f"{t(f'visits.zone.{zone}', lang)} · {item['filename']}")
            if keep and st.button(t("audit.photos.remove", lang), key=f"audit_photo_rm_{item['token']}"):
                draft_photos.remove_photo(actor, item["token"])
                st.session_state[PHOTOS][zone].remove(item)
                keep()
                st.rerun()


def zone_photos(zone: Zone, lang: str, keep: Callable[[], None]) -> None:
    """The step's thumbnails (each removable) and the uploader that stores new photos at once."""
    photos = st.session_state.setdefault(PHOTOS, {})
    for line in st.session_state.pop(REFUSED, []):
        st.error(md_escape(line), icon=":material/block:")
    _grid([(zone.value, item) for item in photos.get(zone.value, [])], lang, keep)
    round_ = st.session_state.setdefault(ROUND, 0)
    files = st.file_uploader(
        t("audit.page.photos", lang),
        type=["jpg", "jpeg", "png", "webp"],
        accept_multiple_files=True,
        key=f"audit_photos_{zone.value}_{round_}",
        help=t("audit.page.photos_help", lang),
    )
    if not files:
        return
    refused = []
    for f in files:
        try:
            kept = draft_photos.keep_photo(context.actor(), Upload(f.name, f.getvalue()), count())
        except TrackerError as error:
            refused.append(f"{f.name}: " + " ".join(messages(error, lang)))
            continue
        photos.setdefault(zone.value, []).append(kept.as_json())
    st.session_state[ROUND] = round_ + 1
    st.session_state[REFUSED] = refused
    keep()
    st.rerun()


def all_photos(lang: str) -> None:
    """Every zone's photos on the verdict step, with the zone under each."""
    items = [(z, item) for z, zone_items in st.session_state.get(PHOTOS, {}).items() for item in zone_items]
    if items:
        st.markdown(f"**{md_escape(t('audit.photos.all', lang, n=len(items)))}**")
        _grid(items, lang, None)
