"""Errors of a save, told in the person's language by their code; and escaping for user text in markdown.

The translation itself is ``tracker.i18n.errors`` (the command line says the same lines).
"""

import re

from tracker.i18n.errors import field_label, messages

__all__ = ["field_label", "md_escape", "messages"]

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md_escape(text: object) -> str:
    """User text that Streamlit's markdown shows as typed (no links, no formatting)."""
    return _MARKDOWN.sub(r"\\\1", "" if text is None else str(text))
