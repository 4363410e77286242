"""From a site audit's answers to the passport: zone × category states, the conclusion, the reasons.

An answered question assesses its categories in its zone: ДП when the answer meets the rule,
otherwise the states its rule names (the worst wins when several questions fail). A question
answered "not applicable" or left empty assesses nothing; a category no answered question of a
zone affects is not assessed there. The object's state per category and the conclusion follow
the passport's rule (``tracker.domain.passport``): the worst zone.

A value at a limit meets it (``≤ max``, ``≥ min``).
"""

from dataclasses import dataclass
from typing import Literal

from tracker.domain.checklist.model import Checklist, Question
from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.errors import RuleViolation
from tracker.domain.passport import Matrix, Zone, ZoneAssessment, ZoneState, category_states, conclusion, worst

NOT_APPLICABLE = "na"
YES = "yes"
NO = "no"

Answer = float | Literal["yes", "no", "na"]
Answers = dict[Zone, dict[str, Answer]]


@dataclass(frozen=True)
class Reason:
    """Why a zone is not ДП for a category: the question, what was found, the limit it misses."""

    zone: Zone
    category: DisabilityCategory
    question: str
    state: PassportState
    kind: Literal["above", "below", "outside", "missing"]
    value: float | None = None
    limit: float | None = None
    limit_high: float | None = None


@dataclass(frozen=True)
class Verdict:
    checklist_version: str
    matrix: Matrix
    states: dict[DisabilityCategory, PassportState | None]
    conclusion: str | None
    reasons: list[Reason]

    @property
    def zone_findings(self) -> dict[Zone, dict[DisabilityCategory, PassportState]]:
        """The matrix as a monitoring visit keeps it: per zone, the state found per category."""
        return {z: {c: s.current for c, s in a.states.items() if s.current} for z, a in self.matrix.items()}


def clean_answers(checklist: Checklist, raw: dict) -> Answers:
    """Answers keyed by zone and question id; refuses unknown questions and impossible values."""
    answers: Answers = {}
    for zone_key, given in (raw or {}).items():
        try:
            zone = Zone(zone_key)
        except ValueError:
            raise RuleViolation("audit.unknown_question", question=str(zone_key)) from None
        known = {q.id: q for q in checklist.zones[zone]}
        kept: dict[str, Answer] = {}
        for qid, value in (given or {}).items():
            question = known.get(qid)
            if question is None:
                raise RuleViolation("audit.unknown_question", question=f"{zone.value}.{qid}")
            if value is None or value == "":
                continue
            kept[qid] = _answer(question, value, zone)
        if kept:
            answers[zone] = kept
    return answers


def _answer(question: Question, value, zone: Zone) -> Answer:
    if value == NOT_APPLICABLE:
        return NOT_APPLICABLE
    if question.kind == "presence":
        if value in (YES, NO):
            return value
    elif not isinstance(value, bool):
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = None
        if number is not None and number == number and 0 <= number < 1e6:
            return number
    raise RuleViolation("audit.bad_answer", question=f"{zone.value}.{question.id}")


def measured(checklist: Checklist, zone: Zone, question: Question, answers: dict[str, Answer]) -> float | None:
    """The question's value: as answered, or computed from its two inputs (100 × rise / run)."""
    value = answers.get(question.id)
    if isinstance(value, float):
        return value
    if value is None and question.rule.from_ratio:
        top, bottom = (answers.get(k) for k in question.rule.from_ratio)
        if isinstance(top, float) and isinstance(bottom, float) and bottom > 0:
            return round(100 * top / bottom, 2)
    return None


def max_limit(question: Question, answers: dict[str, Answer]) -> float | None:
    relaxed = question.rule.relaxed
    if relaxed:
        condition = answers.get(relaxed.when)
        if isinstance(condition, float) and condition <= relaxed.at_most:
            return relaxed.max
    return question.rule.max


def _judge(checklist: Checklist, zone: Zone, q: Question, answers: dict[str, Answer]) -> list[Reason] | None:
    """None: not assessed; []: meets the rule; else the reasons, one per category it fails."""
    rule = q.rule
    if q.kind == "presence":
        given = answers.get(q.id)
        if given not in (YES, NO):
            return None
        return [] if given == YES else [Reason(zone, c, q.id, s, "missing") for c, s in rule.missing.items()]
    value = measured(checklist, zone, q, answers)
    if value is None:
        return None
    high, low = max_limit(q, answers), rule.min
    if low is not None and high is not None:
        if low <= value <= high:
            return []
        return [Reason(zone, c, q.id, s, "outside", value, low, high) for c, s in rule.fail.items()]
    if high is not None:
        if value <= high:
            return []
        kind, limit, severe = "above", high, rule.severe and value > rule.severe.beyond
    else:
        if value >= low:
            return []
        kind, limit, severe = "below", low, rule.severe and value < rule.severe.beyond
    states = dict(rule.fail)
    if severe:
        states |= {c: worst([states.get(c), s]) for c, s in rule.severe.fail.items()}
    return [Reason(zone, c, q.id, s, kind, value, limit) for c, s in states.items()]


def evaluate(checklist: Checklist, answers: Answers) -> Verdict:
    """Zone × category states, the object's states, its conclusion and every reason."""
    matrix: Matrix = {}
    reasons: list[Reason] = []
    for zone, questions in checklist.zones.items():
        given = answers.get(zone, {})
        found: dict[DisabilityCategory, PassportState] = {}
        for q in questions:
            if q.rule.input:
                continue
            judged = _judge(checklist, zone, q, given)
            if judged is None:
                continue
            for c in q.categories:
                found[c] = worst([found.get(c), PassportState.FULL])
            for r in judged:
                found[r.category] = worst([found[r.category], r.state])
            reasons.extend(judged)
        if found:
            matrix[zone] = ZoneAssessment(states={c: ZoneState(current=s) for c, s in found.items()})
    states = category_states(matrix)
    order = {z: i for i, z in enumerate(Zone)}
    cats = {c: i for i, c in enumerate(DisabilityCategory)}
    reasons.sort(key=lambda r: (order[r.zone], cats[r.category], -r.state.rank))
    return Verdict(checklist.version, matrix, states, conclusion(states), reasons)
