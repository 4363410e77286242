"""A grid of image thumbnails (evidence photos, visit photos) with a caption under each."""

from collections.abc import Callable, Iterable

import streamlit as st

from tracker.services import evidence


def thumbnail_grid(items: Iterable, caption: Callable[[object], str], columns: int = 4) -> None:
    cols = st.columns(columns)
    for n, item in enumerate(items):
        with cols[n % columns]:
            thumb = evidence.file_bytes(item, thumbnail=True)
            if thumb:
                st.image(thumb, width="stretch")
            st.text(caption(item))
