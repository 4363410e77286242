"""How each domain model becomes a table row and back, and how it is flattened for history."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Table

from tracker.domain import District, Facility, InvataxiReport, RehabCenter
from tracker.storage import tables

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


@dataclass(frozen=True)
class EntitySpec(Generic[M]):
    """One kind of record: its table, key, model and the two mappings."""

    name: str
    table: Table
    key: str
    model: type[M]
    to_row: Callable[[M], dict[str, Any]]
    from_row: Callable[[dict[str, Any]], M]

    def snapshot(self, model: M) -> dict[str, Any]:
        """The flat JSON-able form history records, without the key (it names the record)."""
        data = model.model_dump(mode="json", exclude={self.key} if self.key == "id" else set())
        return flatten(data)

    def from_snapshot(self, flat: dict[str, Any], key_value: Any = None) -> M:
        data = unflatten(flat)
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
    }
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
    return Facility.model_validate(d)


FACILITY = EntitySpec("facility", tables.facilities, "id", Facility, _facility_row, _facility_model)


# --- districts ----------------------------------------------------------------------------

_FIGURES = ("population", "disabled_total", "disabled_children", "wheelchair_users")


def _district_row(d: District) -> dict[str, Any]:
    row = d.model_dump(mode="json", exclude=set(_FIGURES))
    row["figures"] = {k: v for k, v in d.model_dump(mode="json", include=set(_FIGURES)).items() if v}
    return row


def _district_model(row: dict[str, Any]) -> District:
    d = _plain(row, tables.districts)
    figures = d.pop("figures") or {}
    return District.model_validate(d | figures)


DISTRICT = EntitySpec("district", tables.districts, "kato", District, _district_row, _district_model)


# --- rehab centres ------------------------------------------------------------------------


def _rehab_row(r: RehabCenter) -> dict[str, Any]:
    row = r.model_dump(mode="json", exclude={"id", "budget"})
    row["budget_tiyn"] = to_tiyn(r.budget)
    return row


def _rehab_model(row: dict[str, Any]) -> RehabCenter:
    d = _plain(row, tables.rehab_centers)
    d["budget"] = from_tiyn(d.pop("budget_tiyn"))
    return RehabCenter.model_validate(d)


REHAB = EntitySpec("rehab_center", tables.rehab_centers, "id", RehabCenter, _rehab_row, _rehab_model)


# --- Invataxi -----------------------------------------------------------------------------


def _invataxi_row(r: InvataxiReport) -> dict[str, Any]:
    return r.model_dump(mode="json", exclude={"id"})


def _invataxi_model(row: dict[str, Any]) -> InvataxiReport:
    return InvataxiReport.model_validate(_plain(row, tables.invataxi_reports))


INVATAXI = EntitySpec("invataxi_report", tables.invataxi_reports, "id", InvataxiReport, _invataxi_row, _invataxi_model)

SPECS = {spec.name: spec for spec in (FACILITY, DISTRICT, REHAB, INVATAXI)}
