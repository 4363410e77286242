"""The layers stay apart: streamlit only in the UI, the domain free of storage and UI."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tracker"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules(where: str = "") -> list[Path]:
    return sorted((PACKAGE / where).rglob("*.py"))


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if "ui" not in p.relative_to(PACKAGE).parts],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_streamlit_is_imported_only_by_the_ui(path):
    assert not any(name.split(".")[0] in ("streamlit", "streamlit_folium") for name in _imports(path))


@pytest.mark.parametrize("path", _modules("domain"), ids=lambda p: p.name)
def test_domain_depends_on_nothing_but_itself_and_pydantic(path):
    outside = {n for n in _imports(path) if n.startswith("tracker.") and not n.startswith("tracker.domain")}
    assert not outside
    assert not any(n.split(".")[0] in ("sqlalchemy", "folium", "geopandas") for n in _imports(path))


def test_only_config_reads_the_environment():
    readers = [
        p.relative_to(PACKAGE)
        for p in _modules()
        if "os.environ" in p.read_text(encoding="utf-8") or "getenv" in p.read_text(encoding="utf-8")
    ]
    assert readers == []
