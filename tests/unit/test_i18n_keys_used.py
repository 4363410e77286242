"""Every message in the catalogues is said somewhere: a key nothing uses is a translation nobody reads.

A key counts as used when the code names it as a string, or builds it from a named stem
(``t(f"maps.metric_{m}")``, ``"io.col." + key``), or when it names a vocabulary value
(``label(Stage.PLANNED)`` says ``Stage.planned``, for any enum of the package).
"""

import ast
from pathlib import Path

from tracker.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
#: Areas read whole: `tracker.i18n.source_text` translates every ``sources.*`` phrase it finds in a source.
WHOLE_AREAS = {"sources."}
SOURCES = [ROOT / "streamlit_app.py", *sorted((ROOT / "tracker").rglob("*.py"))]


def named_in_code() -> tuple[set[str], set[str]]:
    """(strings the code names, stems it builds keys from)."""
    strings: set[str] = set()
    stems: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                stems.add(node.values[0].value)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
                stems.add(str(node.left.value))
    return strings, {s for s in stems if "." in s}  # a stem names an area: "maps.metric_", not "#"


def enum_names() -> set[str]:
    """Classes of the package that derive from an ``…Enum``: their values are said through ``label``."""
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "").endswith("Enum") for b in node.bases):
                found.add(node.name)
    return found


def unused_keys() -> list[str]:
    strings, stems = named_in_code()
    stems |= WHOLE_AREAS | {f"{name}." for name in enum_names()}
    return sorted(k for k in catalogue("en") if k not in strings and not k.startswith(tuple(stems)))


def test_every_message_key_is_used_somewhere():
    assert unused_keys() == []


def test_a_key_built_from_a_stem_counts_as_used():
    strings, stems = named_in_code()
    assert "maps.metric_" in stems and "maps.metric_pct_done" in catalogue("en")
    assert {"Stage", "Action", "Record"} <= enum_names()
    assert "maps.layer_districts" in strings
