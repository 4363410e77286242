"""An object's photos and documents: the list for signed-in people, and the upload for those who may attach.

After an upload the page reruns, so the new file is in the list at once (the success message is
carried over the rerun).
"""

import streamlit as st
from pydantic import ValidationError

from tracker.domain import TrackerError
from tracker.i18n import t
from tracker.services import evidence
from tracker.services.permissions import Action, allowed
from tracker.ui import context
from tracker.ui.components.thumbnails import thumbnail_grid
from tracker.ui.form_errors import messages
from tracker.ui.markdown import md_escape

ATTACHED_KEY = "evidence_attached"


def _caption(item, lang: str) -> str:
    return f"{t('editing.kind.' + item.kind, lang)} · {item.filename}"


def evidence_list(fid: int, lang: str, key: str = "edit") -> None:
    """The object's evidence: image thumbnails, then documents with a download button each."""
    items = evidence.list_evidence(context.database(), fid)
    images = [i for i in items if i.is_image]
    if images:
        thumbnail_grid(images, lambda item: _caption(item, lang))
    for item in (i for i in items if not i.is_image):
        content = evidence.file_bytes(item)
        st.text(_caption(item, lang))
        if content:
            st.download_button(
                t("editing.download", lang),
                content,
                file_name=item.filename,
                mime=item.content_type,
                key=f"{key}_dl_{item.id}",
            )
    if not items:
        st.caption(t("editing.no_evidence", lang))


def evidence_section(actor, fid: int, kato: str, oblast: str, lang: str) -> None:
    """The Edit page's evidence: the list, and the upload form when the actor may attach here."""
    st.subheader(t("editing.evidence", lang))
    if st.session_state.pop(ATTACHED_KEY, None) == fid:
        st.success(t("editing.attached", lang))
    evidence_list(fid, lang)
    if not allowed(actor, Action.ATTACH_EVIDENCE, kato, oblast):
        return
    with st.form(f"edit_attach_{fid}", clear_on_submit=True):
        cols = st.columns([1, 2])
        kind = cols[0].selectbox(
            t("editing.kind", lang),
            ["before", "after", "document"],
            format_func=lambda k: t(f"editing.kind.{k}", lang),
            key=f"edit_kind_{fid}",
        )
        upload = cols[1].file_uploader(
            t("editing.upload", lang),
            type=["jpg", "jpeg", "png", "webp", "pdf"],
            key=f"edit_upload_{fid}",
            help=t("editing.upload_help", lang),
        )
        note = st.text_input(t("editing.upload_comment", lang), max_chars=500, key=f"edit_upload_note_{fid}")
        submitted = st.form_submit_button(t("editing.attach", lang))
        near_button = st.container()
    if not (submitted and upload is not None):
        return
    try:
        evidence.attach(
            context.database(),
            actor,
            fid,
            kind,
            evidence.Upload(upload.name, upload.getvalue()),
            comment=note or None,
        )
    except (ValidationError, TrackerError) as error:
        near_button.error("\n\n".join(md_escape(line) for line in messages(error, lang)), icon=":material/block:")
        return
    st.session_state[ATTACHED_KEY] = fid
    st.rerun()
