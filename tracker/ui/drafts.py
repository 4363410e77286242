"""Server-side drafts for forms made of keyed widgets: restore after a reload, keep while typing.

A form names its widgets ``<prefix>_<field>``; ``restore`` puts a draft's values back into the
session before the widgets are drawn, ``remember`` keeps what differs from the opened record
(writing only when it changed since the last write), ``discard`` forgets it.
"""

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

import streamlit as st

from tracker.services import drafts
from tracker.ui import context

WRITTEN_KEY = "_drafts_written"  # {(form, object): payload last written}


def encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    return value


def as_date(value: Any) -> date | None:
    return date.fromisoformat(value["date"]) if isinstance(value, dict) and "date" in value else None


def restore(form: str, object_key: str, prefix: str, decoders: dict[str, Callable[[Any], Any]], values: dict) -> None:
    """Put a draft's widget values into the session, for widgets not drawn yet in this session."""
    for field, raw in values.items():
        decode = decoders.get(field) or next((d for p, d in decoders.items() if field.startswith(p)), None)
        key = f"{prefix}_{field}"
        if decode is None or key in st.session_state:
            continue
        try:
            st.session_state[key] = decode(raw)
        except (ValueError, TypeError, KeyError):
            continue  # a draft from an older form: that field starts from the record
    st.session_state.setdefault(WRITTEN_KEY, {})[(form, object_key)] = None


def load(form: str, object_key: str) -> dict | None:
    return drafts.load(context.database(), context.actor(), form, object_key)


def remember(form: str, object_key: str, prefix: str, fields: list[str], opened: dict[str, Any], base: dict) -> None:
    """Keep the fields whose widgets differ from the opened record (none left: drop the draft)."""
    values = {}
    for field in fields:
        key = f"{prefix}_{field}"
        if key in st.session_state:
            value = encode(st.session_state[key])
            if value != encode(opened.get(field)):
                values[field] = value
    payload = base | {"values": values} if values else None
    written = st.session_state.setdefault(WRITTEN_KEY, {})
    if written.get((form, object_key), "never") == payload:
        return
    if payload is None:
        if (form, object_key) in written:
            drafts.drop(context.database(), context.actor(), form, object_key)
    else:
        drafts.keep(context.database(), context.actor(), form, object_key, payload)
    written[(form, object_key)] = payload


def discard(form: str, object_key: str) -> None:
    """Forget the draft (the form was saved or cancelled)."""
    drafts.drop(context.database(), context.actor(), form, object_key)
    st.session_state.setdefault(WRITTEN_KEY, {}).pop((form, object_key), None)
