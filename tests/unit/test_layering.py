"""The architecture is the table in CONTRIBUTING.md: every import of every module keeps to it.

The test reads the table itself, so the picture and the code cannot drift apart. It also checks
that no modules import each other in a circle, that only ``tracker/config.py`` reads the
environment and that Streamlit stays in the parts the table marks.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tracker"
STREAMLIT = ("streamlit", "streamlit_folium")


def layers_table(text: str) -> dict[str, tuple[frozenset[str], bool]]:
    """``part → (parts it may import, may it import streamlit)`` from the Markdown table."""
    section = text.split("<!-- layers: the test parses the rows below -->", 1)[1].strip()
    rows: dict[str, tuple[frozenset[str], bool]] = {}
    for line in section.splitlines()[2:]:  # after the header and its rule
        if not line.startswith("|"):
            break
        part, allowed, streamlit = (cell.strip() for cell in line.strip("|").split("|"))
        rows[part.strip("`")] = (frozenset(re.findall(r"`([\w.]+)`", allowed)), streamlit == "yes")
    return rows


LAYERS = layers_table((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. tracker.ui.pages.map_page
    path: Path

    @property
    def where(self) -> str:
        return str(self.path.relative_to(ROOT)) if self.path.is_relative_to(ROOT) else self.path.name

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


def _modules() -> list[Module]:
    found = [Module("streamlit_app", ROOT / "streamlit_app.py")]
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts == ["tracker"]:
            assert not path.read_text(encoding="utf-8").strip(), "tracker/__init__.py: keep it empty"
            continue
        found.append(Module(".".join(parts), path))
    return found


MODULES = _modules()
NAMES = {m.name for m in MODULES}


def imported(module: Module) -> list[tuple[int, str]]:
    """(line, dotted module) of every import in the module, relative ones resolved, lazy ones too.

    ``from tracker.ui import data`` imports the module ``tracker.ui.data``; ``from tracker.i18n
    import t`` imports ``tracker.i18n``.
    """
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
                here = here[: len(here) - node.level + 1]
                base = ".".join(here + ([node.module] if node.module else []))
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.append((node.lineno, child if child in NAMES else base))
    return found


def part_of(name: str) -> str:
    """The most specific row of the table that names this module."""
    if name == "streamlit_app":
        return name
    parts = name.split(".")[1:]
    for n in range(len(parts), 0, -1):
        candidate = ".".join(parts[:n])
        if candidate in LAYERS:
            return candidate
    raise AssertionError(f"{name} belongs to no row of the layers table in CONTRIBUTING.md")


def forbidden_imports(module: Module) -> list[str]:
    me = part_of(module.name)
    allowed, streamlit = LAYERS[me]
    wrong = []
    for line, name in imported(module):
        top = name.split(".")[0]
        if top in STREAMLIT and not streamlit:
            wrong.append(f"{module.where}:{line} imports {name}: `{me}` may not import Streamlit")
        elif top == "tracker" and name != "tracker":
            other = part_of(name)
            if other != me and other not in allowed:
                wrong.append(f"{module.where}:{line} imports {name}: `{me}` may not import `{other}`")
    return wrong


def test_the_table_names_every_part_and_only_parts_that_exist():
    for module in MODULES:
        part_of(module.name)
    for part, (allowed, _) in LAYERS.items():
        for name in {part} | allowed:
            assert f"tracker.{name}" in NAMES or name == "streamlit_app", f"the layers table names `{name}`"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.name)
def test_every_import_keeps_to_the_layers_table(module):
    assert forbidden_imports(module) == []


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m.name: set() for m in MODULES}
    for module in MODULES:
        for _, name in imported(module):
            # A package's __init__ is run by importing any of its modules; only a named import counts.
            if name in NAMES and name != module.name:
                graph[module.name].add(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_no_modules_import_each_other_in_a_circle():
    assert cycles(_graph()) == []


def test_the_cycle_check_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _reads_environment(module: Module) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv", "putenv"):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            lines += [node.lineno for alias in node.names if alias.name in ("environ", "environb", "getenv")]
    return lines


def test_only_config_reads_the_environment():
    readers = {m.where: lines for m in MODULES if m.name != "tracker.config" and (lines := _reads_environment(m))}
    assert readers == {}


def test_the_domain_imports_no_storage_map_or_ui_library():
    for module in MODULES:
        if part_of(module.name) == "domain":
            tops = {name.split(".")[0] for _, name in imported(module)}
            assert not tops & {"sqlalchemy", "folium", "geopandas", "pandas", *STREAMLIT}, module.name


def test_a_forbidden_import_is_named_with_its_line(tmp_path):
    page = tmp_path / "leak.py"
    page.write_text("import os\n\nfrom tracker.storage.queries import facilities_frame\n", encoding="utf-8")
    wrong = forbidden_imports(Module("tracker.ui.pages.leak", page))
    assert wrong == ["leak.py:3 imports tracker.storage.queries: `ui.pages` may not import `storage`"]
