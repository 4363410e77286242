"""Every refusal has a declared code and a message in kk, ru and en; nothing is told by its English text."""

import ast
import re
from pathlib import Path

import pytest

from tracker.domain.errors import ConflictError, NotFound, PermissionDenied, RuleViolation, TrackerError
from tracker.domain.rules import CODES, Record
from tracker.i18n import LANGUAGES, catalogue, label, placeholders, t
from tracker.i18n.errors import PYDANTIC_CODES, messages
from tracker.services.permissions import Action

PACKAGE = Path(__file__).resolve().parents[3] / "tracker"
#: Classes whose first argument is a rule code.
CODED = {"RuleViolation", "PermissionDenied", "SignInRefused", "ImportRefused", "BackupError", "TrackerError"}
CODE_LIKE = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _sources() -> list[tuple[Path, ast.AST]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _raised_codes() -> list[tuple[str, int, object]]:
    """(file, line, code) of every coded error built in the source, and of every import problem."""
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name in CODED and node.args:
                first = node.args[0]
                found.append((path.name, node.lineno, first.value if isinstance(first, ast.Constant) else first))
            elif name == "Problem" and len(node.args) >= 4 and isinstance(node.args[3], ast.Constant):
                if CODE_LIKE.match(str(node.args[3].value)):
                    found.append((path.name, node.lineno, node.args[3].value))
    return found


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_message_in_every_language_with_exactly_its_parameters(code):
    for lang in LANGUAGES:
        text = catalogue(lang).get(f"rule.{code}", "")
        assert text.strip(), f"rule.{code} has no {lang} message"
        assert placeholders(text) == set(CODES[code]), (lang, code)


def test_every_code_raised_in_the_source_is_declared_and_written_out():
    found = _raised_codes()
    assert len(found) > 60
    dynamic = [(f, line) for f, line, code in found if not isinstance(code, str) and f != "errors.py"]
    assert dynamic == [], "codes must be literal strings, so that this test can see them"
    undeclared = [(f, line, code) for f, line, code in found if isinstance(code, str) and code not in CODES]
    assert undeclared == []


def test_every_declared_code_is_used_somewhere():
    literals = set()
    for path, tree in _sources():
        if path.name == "rules.py" and path.parent.name == "domain":
            continue
        literals |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert sorted(set(CODES) - literals - set(PYDANTIC_CODES.values())) == []


@pytest.mark.parametrize("vocabulary", [Record, Action], ids=lambda v: v.__name__)
def test_record_kinds_and_actions_are_named_in_every_language(vocabulary):
    for lang in LANGUAGES:
        for value in vocabulary:
            assert label(value, lang) != f"{vocabulary.__name__}.{value.value}"


def test_no_rule_message_is_the_same_in_kazakh_and_russian():
    assert [code for code in CODES if t(f"rule.{code}", "kk") == t(f"rule.{code}", "ru")] == []


def test_a_code_must_be_declared_and_given_its_parameters():
    with pytest.raises(KeyError):
        RuleViolation("stage.no_such_rule")
    with pytest.raises(TypeError):
        RuleViolation("budget.overrun", spent=1)
    with pytest.raises(TypeError):
        RuleViolation("facility.no_name", detail="x")


def test_str_is_the_english_message_for_logs():
    assert str(RuleViolation("visit.note_length", limit=2000)) == "A zone note may hold at most 2000 characters."
    assert str(NotFound(Record.USER, "asel")) == "There is no user “asel”, or it was deleted."


@pytest.mark.parametrize(
    "error, kk",
    [
        (PermissionDenied("permission.denied", action=Action.MANAGE_USERS), "пайдаланушыларды басқару"),
        (NotFound(Record.FACILITY, 12), "Табылмады: нысан «12»"),
        (ConflictError(Record.FACILITY, 12, 3, 4), "4-нұсқа"),
    ],
)
def test_errors_other_than_rules_read_in_kazakh_too(error, kk):
    assert isinstance(error, TrackerError)
    (line,) = messages(error, "kk")
    assert kk in line
    assert not re.search(r"[A-Za-z]{4,}", line.replace("nobody", "")), line


def test_problems_only_an_import_has_are_named_in_every_language_too():
    """Cell and file problems of the importer keep their own ``io.problem.*`` / ``io.file.*`` codes."""
    wanted = set()
    for _path, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name, args = _name(node.func), node.args
            if name == "ValueProblem" and isinstance(args[0], ast.Constant):
                wanted.add(f"io.problem.{args[0].value}")
            elif name == "FileProblem" and isinstance(args[0], ast.Constant):
                wanted.add(f"io.file.{args[0].value}")
            elif name == "Problem" and len(args) >= 4 and isinstance(args[3], ast.Constant):
                if not CODE_LIKE.match(str(args[3].value)):
                    wanted.add(f"io.problem.{args[3].value}")
    assert len(wanted) > 25
    for lang in LANGUAGES:
        assert sorted(k for k in wanted if not catalogue(lang).get(k)) == [], lang
