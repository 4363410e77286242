"""The one escape for user text shown through Markdown (``st.markdown``, titles, captions, messages)."""

import re

#: Characters that start markup anywhere in a line: emphasis, code, links and images, HTML,
#: LaTeX, strikethrough, Streamlit's ``:colour[…]`` and ``:emoji:`` directives, tables.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>$~:|!#])")
#: …and at the start of a line only: lists, quotes, headings, numbered lists.
_MARKDOWN_LINE_START = re.compile(r"^(\s*\d*)([-+=.)])", re.MULTILINE)


def md_escape(text: object) -> str:
    """User text made inert for ``st.markdown``: no links, emphasis, HTML, LaTeX or colour tags."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", "" if text is None else str(text))
    return _MARKDOWN_LINE_START.sub(r"\1\\\2", escaped)
