"""The one escape for user text shown through Markdown (``st.markdown``, titles, captions, messages)."""

import re

#: Every ASCII punctuation character: CommonMark lets each be escaped, and escaped they start
#: nothing — no link, image, autolink (``www.``, ``https:``, e-mail), HTML, entity, comment,
#: emphasis, heading, list, table, LaTeX, or Streamlit's ``:colour[…]`` and ``:emoji:`` directives.
_MARKDOWN = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: object) -> str:
    """User text (and URL parameters) made inert for ``st.markdown``: shown exactly as typed."""
    return _MARKDOWN.sub(r"\\\1", "" if text is None else str(text))
