"""How each domain model becomes a table row and back, and how it is flattened for history."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Table

from tracker.domain import District, Facility, InvataxiReport, RehabCenter
from tracker.domain.boundary import DistrictBoundary
from tracker.domain.enums import DisabilityCategory
from tracker.domain.evidence import Evidence
from tracker.domain.people import Person
from tracker.domain.rules import Record
from tracker.domain.visit import Visit
from tracker.storage import history, tables

M = TypeVar("M", bound=BaseModel)
RECORD_COLUMNS = ("version", "created_at", "updated_at", "updated_by", "deleted_at")


def to_tiyn(amount: Decimal | None) -> int | None:
    return None if amount is None else int((amount * 100).to_integral_value())


def from_tiyn(tiyn: int | None) -> Decimal | None:
    return None if tiyn is None else (Decimal(tiyn) / 100).quantize(Decimal("0.01"))


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"budget": {"spent": "1"}}`` → ``{"budget.spent": "1"}``; lists stay whole."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def unflatten(flat: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for path, value in sorted(flat.items()):
        *parents, leaf = path.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return data


#: What the history keeps of a redacted field: whether it is set, and that it changed.
SET, CHANGED = "(set)", "(changed)"


@dataclass(frozen=True)
class EntitySpec(Generic[M]):
    """One kind of record: its table, key, model and the two mappings.

    ``redacted`` names fields kept in the row but never in the history (field → the name the
    history uses): the history says only whether one is set and when it changed.
    """

    record: Record
    table: Table
    key: str
    model: type[M]
    to_row: Callable[[M], dict[str, Any]]
    from_row: Callable[[dict[str, Any]], M]
    redacted: Mapping[str, str] = field(default_factory=dict)
    #: The field that names a record to a person in messages, when not its key (a user name).
    named_by: str | None = None

    @property
    def name(self) -> str:
        return self.record.value

    def snapshot(self, model: M) -> dict[str, Any]:
        """The flat JSON-able form history records, without the key (it names the record)."""
        data = model.model_dump(mode="json", exclude={self.key} if self.key == "id" else set())
        for secret, shown in self.redacted.items():
            data[shown] = SET if data.pop(secret) else None
        return flatten(data)

    def name_of(self, model: M) -> Any:
        return getattr(model, self.named_by or self.key)

    def changes(self, old: M, new: M) -> dict[str, tuple[Any, Any]]:
        """Fields that differ, as the history writes them (a changed secret reads ``(changed)``)."""
        changes = history.diff(self.snapshot(old), self.snapshot(new))
        for secret, shown in self.redacted.items():
            if getattr(old, secret) != getattr(new, secret) and getattr(new, secret):
                changes[shown] = (SET if getattr(old, secret) else None, CHANGED)
        return changes

    def from_snapshot(self, flat: dict[str, Any], key_value: Any = None) -> M:
        """The record rebuilt from its history; redacted fields come back empty."""
        data = unflatten({k: v for k, v in flat.items() if k not in self.redacted.values()})
        if self.key == "id":
            data["id"] = key_value
        return self.model.model_validate(data)


def _plain(row: dict[str, Any], table: Table) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k in table.c and k not in RECORD_COLUMNS}


# --- facilities ---------------------------------------------------------------------------


def _facility_row(f: Facility) -> dict[str, Any]:
    d = f.model_dump(mode="json", exclude={"id", "budget"})
    b = f.budget
    d |= {
        "program_year": f.first_year,
        "budget_planned_tiyn": to_tiyn(b.planned),
        "budget_allocated_tiyn": to_tiyn(b.allocated),
        "budget_contracted_tiyn": to_tiyn(b.contracted),
        "budget_spent_tiyn": to_tiyn(b.spent),
        "funding_source": b.funding_source.value,
        "overrun": b.overrun,
        "planned_completion": f.planned_completion,
        "actual_completion": f.actual_completion,
        "passport_conclusion": f.conclusion,
    }
    for category in DisabilityCategory:
        entry = f.passport.get(category)
        d[f"passport_{category.value}"] = entry.current.value if entry and entry.current else None
    return d


def _facility_model(row: dict[str, Any]) -> Facility:
    d = _plain(row, tables.facilities)
    d["budget"] = {
        "planned": from_tiyn(d.pop("budget_planned_tiyn")),
        "allocated": from_tiyn(d.pop("budget_allocated_tiyn")),
        "contracted": from_tiyn(d.pop("budget_contracted_tiyn")),
        "spent": from_tiyn(d.pop("budget_spent_tiyn")),
        "funding_source": d.pop("funding_source"),
        "overrun": d.pop("overrun"),
    }
    d.pop("program_year")
    for column in ("passport_conclusion", *(f"passport_{c.value}" for c in DisabilityCategory)):
        d.pop(column, None)
    return Facility.model_validate(d)


FACILITY = EntitySpec(Record.FACILITY, tables.facilities, "id", Facility, _facility_row, _facility_model)


# --- districts ----------------------------------------------------------------------------

_FIGURES = ("population", "disabled_total", "disabled_children", "wheelchair_users", "invataxi_eligible")


def _district_row(d: District) -> dict[str, Any]:
    row = d.model_dump(mode="json", exclude=set(_FIGURES))
    row["figures"] = {k: v for k, v in d.model_dump(mode="json", include=set(_FIGURES)).items() if v}
    return row


def _district_model(row: dict[str, Any]) -> District:
    d = _plain(row, tables.districts)
    figures = d.pop("figures") or {}
    return District.model_validate(d | figures)


DISTRICT = EntitySpec(Record.DISTRICT, tables.districts, "kato", District, _district_row, _district_model)


# --- rehab centres ------------------------------------------------------------------------


def _rehab_row(r: RehabCenter) -> dict[str, Any]:
    row = r.model_dump(mode="json", exclude={"id", "budget"})
    row["budget_tiyn"] = to_tiyn(r.budget)
    return row


def _rehab_model(row: dict[str, Any]) -> RehabCenter:
    d = _plain(row, tables.rehab_centers)
    d["budget"] = from_tiyn(d.pop("budget_tiyn"))
    return RehabCenter.model_validate(d)


REHAB = EntitySpec(Record.REHAB_CENTER, tables.rehab_centers, "id", RehabCenter, _rehab_row, _rehab_model)


# --- records stored as they are modelled -------------------------------------------------


def _as_modelled(record: Record, table: Table, key: str, model: type[M], to_row=None) -> EntitySpec[M]:
    """A record whose columns are its model's fields (JSON for dicts and lists), nothing renamed."""
    exclude = {"id"} if key == "id" else set()
    return EntitySpec(
        record,
        table,
        key,
        model,
        to_row or (lambda m: m.model_dump(mode="json", exclude=exclude)),
        lambda row: model.model_validate(_plain(row, table)),
    )


INVATAXI = _as_modelled(Record.INVATAXI_REPORT, tables.invataxi_reports, "id", InvataxiReport)


# --- people: the password hash stays in the row, never in the history -----------------------


def _person_row(p: Person) -> dict[str, Any]:
    return p.model_dump(mode="json", exclude={"id", "password_changed_at"}) | {
        "password_changed_at": p.password_changed_at
    }


def _person_model(row: dict[str, Any]) -> Person:
    d = _plain(row, tables.users)
    if d["password_changed_at"] is not None:
        d["password_changed_at"] = history.utc(d["password_changed_at"])
    return Person.model_validate(d)


USER = EntitySpec(
    Record.USER,
    tables.users,
    "id",
    Person,
    _person_row,
    _person_model,
    redacted={"password_hash": "password"},
    named_by="username",
)


# --- monitoring visits, evidence, district boundaries -------------------------------------


def _visit_row(v: Visit) -> dict[str, Any]:
    return v.model_dump(mode="json", exclude={"id"}) | {"visited_on": v.visited_on}


VISIT = _as_modelled(Record.VISIT, tables.visits, "id", Visit, _visit_row)
EVIDENCE = _as_modelled(Record.EVIDENCE, tables.evidence, "id", Evidence)
BOUNDARY = _as_modelled(Record.DISTRICT_BOUNDARY, tables.district_boundaries, "kato", DistrictBoundary)

SPECS = {spec.name: spec for spec in (FACILITY, DISTRICT, REHAB, INVATAXI, USER, VISIT, EVIDENCE, BOUNDARY)}
