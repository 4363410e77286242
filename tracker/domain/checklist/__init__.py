"""The site-audit checklist (versioned data) and the evaluator that turns answers into the passport."""

from tracker.domain.checklist.evaluate import (
    NO,
    NOT_APPLICABLE,
    YES,
    Answers,
    Reason,
    Verdict,
    clean_answers,
    evaluate,
)
from tracker.domain.checklist.model import Checklist, Question, by_version, load, parse

__all__ = [
    "NO",
    "NOT_APPLICABLE",
    "YES",
    "Answers",
    "Checklist",
    "Question",
    "Reason",
    "Verdict",
    "by_version",
    "clean_answers",
    "evaluate",
    "load",
    "parse",
]
