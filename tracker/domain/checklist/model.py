"""The site-audit checklist as validated data: per functional zone, the questions and their rules.

The questions live in a versioned JSON file beside this module (``site_audit_v<N>.json``), not in
code. Each question names the categories it affects, the rule that turns its answer into a state
and the clause of the building norms behind the limit; a limit or clause nobody has confirmed
against the norm's text says ``"status": "to_confirm"`` and the app shows it so.

How far past a limit turns a zone ДЧ, ДУ or ВНД for a category (``fail`` and ``severe``) is
**the tracker's assessment rule**, not a figure of the norm.
"""

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.errors import RuleViolation
from tracker.domain.passport import Zone

HERE = Path(__file__).parent
CURRENT = "site_audit_v1.json"
UNITS = ("m", "cm", "%")

Unit = Literal["m", "cm", "%"]
States = dict[DisabilityCategory, PassportState]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Labels(_Strict):
    kk: str = Field(min_length=1)
    ru: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return getattr(self, lang, self.en)


class NormDocument(_Strict):
    document: str = Field(min_length=1)
    title: str = Field(min_length=1)


class Norm(_Strict):
    doc: str
    clause: str | None = None
    status: Literal["sourced", "to_confirm"]

    @model_validator(mode="after")
    def _sourced_has_clause(self) -> "Norm":
        if self.status == "sourced" and not self.clause:
            raise ValueError("a sourced limit names its clause")
        return self

    @property
    def to_confirm(self) -> bool:
        return self.status == "to_confirm"


class Severe(_Strict):
    """Past ``beyond`` (above a maximum, below a minimum) the answer gives these states instead."""

    beyond: float = Field(allow_inf_nan=False)
    fail: States = Field(min_length=1)


class Relaxed(_Strict):
    """A looser maximum when another answer of the zone is at most ``at_most`` (ramp rise ≤ 0.8 m)."""

    when: str
    at_most: float = Field(allow_inf_nan=False)
    max: float = Field(allow_inf_nan=False)


class Rule(_Strict):
    min: float | None = Field(default=None, allow_inf_nan=False)
    max: float | None = Field(default=None, allow_inf_nan=False)
    fail: States = Field(default_factory=dict)
    severe: Severe | None = None
    relaxed: Relaxed | None = None
    #: The value computed as 100 × a / b from two input answers when not measured directly.
    from_ratio: tuple[str, str] | None = None
    missing: States = Field(default_factory=dict)
    #: An input to another question's rule (ramp rise and run): no state of its own.
    input: bool = False


class Question(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Literal["measure", "presence"]
    unit: Unit | None = None
    categories: list[DisabilityCategory] = Field(min_length=1)
    label: Labels
    rule: Rule
    norm: Norm

    @model_validator(mode="after")
    def _well_formed(self) -> "Question":
        r = self.rule
        if self.kind == "measure":
            if self.unit is None:
                raise ValueError(f"{self.id}: a measurement names its unit")
            if r.missing:
                raise ValueError(f"{self.id}: a measurement has limits, not 'missing'")
            if not r.input:
                if r.min is None and r.max is None:
                    raise ValueError(f"{self.id}: a measurement needs a min or a max")
                if not r.fail:
                    raise ValueError(f"{self.id}: a measurement names the states when it fails")
                if r.min is not None and r.max is not None and r.min > r.max:
                    raise ValueError(f"{self.id}: min is above max")
        else:
            if self.unit is not None or r.min is not None or r.max is not None or r.input:
                raise ValueError(f"{self.id}: a yes/no item has no unit or limits")
            if not r.missing:
                raise ValueError(f"{self.id}: a yes/no item names the states when it is missing")
        if r.severe:
            both = r.min is not None and r.max is not None
            if (
                both
                or (r.max is not None and r.severe.beyond <= r.max)
                or (r.min is not None and r.severe.beyond >= r.min)
            ):
                raise ValueError(f"{self.id}: 'severe' lies past a single limit")
        if r.relaxed and (r.max is None or r.relaxed.max < r.max):
            raise ValueError(f"{self.id}: a relaxed maximum loosens a maximum")
        named = set(r.fail) | set(r.missing) | (set(r.severe.fail) if r.severe else set())
        if not named <= set(self.categories):
            raise ValueError(f"{self.id}: a rule names a category the question does not affect")
        return self

    def text(self, lang: str) -> str:
        return self.label.get(lang)


class Checklist(_Strict):
    checklist: str
    version: str = Field(min_length=1)
    published: date
    norms: dict[str, NormDocument] = Field(min_length=1)
    zones: dict[Zone, list[Question]]

    @model_validator(mode="after")
    def _complete(self) -> "Checklist":
        if set(self.zones) != set(Zone):
            raise ValueError(f"every zone has questions; missing: {sorted(set(Zone) - set(self.zones))}")
        for zone, questions in self.zones.items():
            ids = [q.id for q in questions]
            if len(ids) != len(set(ids)):
                raise ValueError(f"{zone}: question ids repeat")
            by_id = {q.id: q for q in questions}
            referenced = set()
            for q in questions:
                if q.norm.doc not in self.norms:
                    raise ValueError(f"{zone}.{q.id}: unknown norm document {q.norm.doc!r}")
                refs = list(q.rule.from_ratio or ()) + ([q.rule.relaxed.when] if q.rule.relaxed else [])
                for ref in refs:
                    if ref not in by_id or not by_id[ref].rule.input:
                        raise ValueError(f"{zone}.{q.id}: {ref!r} is not an input of the zone")
                referenced.update(refs)
            unused = {q.id for q in questions if q.rule.input} - referenced
            if unused:
                raise ValueError(f"{zone}: inputs no rule uses: {sorted(unused)}")
        covered = {c for qs in self.zones.values() for q in qs for c in q.categories}
        if covered != set(DisabilityCategory):
            raise ValueError(f"categories no question assesses: {sorted(set(DisabilityCategory) - covered)}")
        return self

    def question(self, zone: Zone, question_id: str) -> Question:
        return next(q for q in self.zones[zone] if q.id == question_id)

    def document(self, question: Question) -> str:
        return self.norms[question.norm.doc].document

    def limits(self) -> list[tuple[Zone, Question]]:
        """Every question with a limit, zone by zone: what the closing note and the act list."""
        return [(z, q) for z, qs in self.zones.items() for q in qs if q.kind == "measure" and not q.rule.input]


def parse(text: str) -> Checklist:
    return Checklist.model_validate(json.loads(text))


@cache
def load(name: str = CURRENT) -> Checklist:
    """The shipped checklist ``name`` (the current one by default), validated."""
    return parse((HERE / name).read_text(encoding="utf-8"))


@cache
def by_version(version: str) -> Checklist:
    """The shipped checklist of ``version`` (an audit stores the version it was answered with)."""
    for path in sorted(HERE.glob("site_audit_v*.json")):
        checklist = load(path.name)
        if checklist.version == version:
            return checklist
    raise RuleViolation("audit.unknown_checklist", version=version)
