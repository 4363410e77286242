"""Errors of a save, told in the person's language by their code; and escaping for user text in markdown.

The translation itself is ``tracker.i18n.errors`` (the command line says the same lines).
"""

import re

from tracker.i18n.errors import field_label, messages

__all__ = ["field_label", "md_escape", "messages"]

#: Every ASCII punctuation character: CommonMark lets each be escaped, and escaped they start
#: nothing — no link, image, autolink (``www.``, ``https:``, e-mail), HTML, entity, emphasis,
#: heading, list, table, LaTeX, or Streamlit's ``:colour[…]`` and ``:emoji:`` directives.
_MARKDOWN = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: object) -> str:
    """User text (and URL parameters) that Streamlit's markdown shows as typed: the one escaping helper."""
    return _MARKDOWN.sub(r"\\\1", "" if text is None else str(text))
