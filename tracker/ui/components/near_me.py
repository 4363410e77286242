"""A "near me" button: the browser's position, asked only when the person presses it.

The position comes back as ``{"lat", "lon", "accuracy"}`` or ``{"error": "denied" | "unavailable"
| "timeout"}``; it is used to sort the list on this page and is not stored. The browser shows its
own permission prompt; over plain HTTP other than localhost it offers no position at all.
"""

from pathlib import Path

import streamlit.components.v1 as components

_COMPONENT = components.declare_component("nearme", path=str(Path(__file__).parent / "near_me_web"))


def near_me_button(label: str, hint: str, key: str) -> dict | None:
    """Draw the button; the last answer of the browser (None until it is pressed)."""
    answer = _COMPONENT(label=label, hint=hint, key=key, default=None)
    return answer if isinstance(answer, dict) else None
