"""The README tells the truth about the code: every setting with its default, and the package tree."""

import re
from pathlib import Path

import pytest

from tracker.config import Settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n#", start + len(title))
    return README[start : end if end != -1 else None]


def settings_table() -> dict[str, str]:
    """``TRACKER_X → default`` as the README's Settings table writes them."""
    rows = re.findall(r"^\| `(TRACKER_\w+)` \| ([^|]+) \|", _section("### Settings"), re.M)
    return {name: default.strip() for name, default in rows}


def _written(default: object) -> str:
    if default is None:
        return "(empty)"
    return f"`{str(default).lower() if isinstance(default, bool) else default}`"


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_in_the_readme_with_its_default(name):
    table = settings_table()
    env = f"TRACKER_{name.upper()}"
    assert env in table, f"README's Settings table lacks {env}"
    assert table[env] == _written(Settings.model_fields[name].default)


def test_the_settings_table_names_no_setting_that_is_gone():
    assert set(settings_table()) == {f"TRACKER_{n.upper()}" for n in Settings.model_fields}


def built_tree() -> set[str]:
    """The entries under ``tracker/`` in the README's "How it is built" tree: ``domain/``, ``cli.py``."""
    block = _section("## How it is built").split("```", 2)[1]
    return set(re.findall(r"^  (\w+/|\w+\.py)\s", block, re.M))


def test_the_readme_tree_is_the_package_tree():
    real = {f"{p.name}/" for p in (ROOT / "tracker").iterdir() if p.is_dir() and p.name != "__pycache__"}
    real |= {p.name for p in (ROOT / "tracker").glob("*.py") if p.name != "__init__.py"}
    assert built_tree() == real
