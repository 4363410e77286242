"""Each kind's records both ways: parsed cells → domain model, and model → export row.

Both directions use the column keys of ``tracker.io.columns``, which is what makes an export
importable unchanged.
"""

import hashlib
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from tracker.domain import Facility, InvataxiReport, RehabCenter
from tracker.domain.enums import DisabilityCategory, PassportState, RefusalReason, Stage
from tracker.domain.passport import Zone
from tracker.i18n import label

Model = Facility | RehabCenter | InvataxiReport


def _key(key: str) -> tuple[str, str | None]:
    base, _, param = key.partition(":")
    return base, param or None


def facility_data(cells: dict[str, Any], kato: str) -> dict[str, Any]:
    """The fields of a Facility from parsed cells keyed by column key."""
    data: dict[str, Any] = {"district_kato": kato, "stage_dates": {}, "passport": {}, "budget": {}}
    zones: dict[str, dict[str, dict[str, Any]]] = {}
    for key, value in cells.items():
        base, param = _key(key)
        if base in ("zone", "zone_target"):
            if value is not None:
                zone, category = param.split(":")
                field = "current" if base == "zone" else "target"
                zones.setdefault(zone, {}).setdefault(category, {})[field] = value
        elif base == "passport_conclusion":
            continue
        elif base == "stage_date":
            if value is not None:
                data["stage_dates"][param] = value
        elif base in ("passport", "passport_target", "passport_assessed"):
            field = {"passport": "current", "passport_target": "target", "passport_assessed": "assessed_on"}[base]
            if value is not None:
                data["passport"].setdefault(param, {})[field] = value
        elif base.startswith("budget_"):
            if value is not None:
                data["budget"][base.removeprefix("budget_")] = value
        elif base in ("funding_source", "overrun"):
            if value is not None:
                data["budget"][base] = value
        elif base in ("district", "oblast", "district_kato", "accessibility"):
            continue
        elif value is not None and value != []:
            data[base] = value
    # A conclusion («ДЧ-И (К, О)») gives the current state of the categories it names, unless
    # the row states a category's current state in its own column.
    for category, state in (cells.get("passport_conclusion") or {}).items():
        data["passport"].setdefault(category.value, {}).setdefault("current", state)
    if zones:
        data["passport_zones"] = {zone: {"states": states} for zone, states in zones.items()}
    summary = cells.get("accessibility")
    if isinstance(summary, dict):
        # A conclusion in the summary column: only the categories it names.
        for category, state in summary.items():
            data["passport"].setdefault(category.value, {}).setdefault("current", state)
    elif summary is not None:
        # One state for the whole object (the ministry's map): every category not given its own.
        for cat in DisabilityCategory:
            data["passport"].setdefault(cat.value, {}).setdefault("current", summary)
    data["demo"] = bool(cells.get("demo") or False)
    if not data.get("external_id"):
        data["external_id"] = generated_id(
            kato, data.get("name_kk") or data.get("name_ru") or "", data.get("address") or ""
        )
    return data


def generated_id(kato: str, name: str, address: str) -> str:
    """A stable id for rows that come without one, so that importing the file again updates them."""
    from tracker.io.values import norm

    digest = hashlib.sha1(f"{kato}|{norm(name)}|{norm(address)}".encode()).hexdigest()[:12]
    return f"IMP-{digest}"


def rehab_data(cells: dict[str, Any], kato: str) -> dict[str, Any]:
    data = {k: v for k, v in cells.items() if k not in ("district", "oblast", "district_kato") and v is not None}
    data["district_kato"] = kato
    data["demo"] = bool(cells.get("demo") or False)
    if not data.get("external_id"):
        data["external_id"] = generated_id(kato, data.get("name") or "", "")
    return data


def invataxi_data(cells: dict[str, Any], kato: str) -> dict[str, Any]:
    data: dict[str, Any] = {"district_kato": kato, "refused": {}}
    for key, value in cells.items():
        base, param = _key(key)
        if base == "refused":
            if value:
                data["refused"][param] = value
        elif base not in ("district", "oblast", "district_kato") and value is not None:
            data[base] = value
    data["demo"] = bool(cells.get("demo") or False)
    return data


BUILDERS = {
    "objects": (facility_data, Facility),
    "rehab": (rehab_data, RehabCenter),
    "invataxi": (invataxi_data, InvataxiReport),
}


def identity(kind: str, model: Model) -> tuple:
    """What makes a record the same one on re-import: its external id; a district and month for Invataxi."""
    if kind == "invataxi":
        return (model.district_kato, model.month)
    return (model.external_id,)


# --- export rows ---------------------------------------------------------------------------


def _enum(value: Enum | None, lang: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, PassportState):
        return value.code
    return value.value if lang == "en" else label(value, lang)


def _enums(values, lang: str) -> str:
    return "; ".join(_enum(v, lang) for v in values)


def facility_row(f: Facility, lang: str, district: str) -> dict[str, Any]:
    """A Facility as ``column key → cell value`` (money as Decimal ₸, dates as date)."""
    b = f.budget
    row: dict[str, Any] = {
        "external_id": f.external_id,
        "name_kk": f.name_kk,
        "name_ru": f.name_ru,
        "sector": _enum(f.sector, lang),
        "address": f.address,
        "district_kato": f.district_kato,
        "district": district,
        "lat": f.lat,
        "lon": f.lon,
        "location_precision": _enum(f.location_precision, lang),
        "ownership": _enum(f.ownership, lang),
        "program_years": "; ".join(str(y) for y in f.program_years),
        "measures": _enums(f.measures, lang),
        "measures_done": _enums(f.measures_done, lang),
        "budget_planned": b.planned,
        "budget_allocated": b.allocated,
        "budget_contracted": b.contracted,
        "budget_spent": b.spent,
        "funding_source": _enum(b.funding_source, lang),
        "overrun": b.overrun,
        "contractor": f.contractor,
        "stage": _enum(f.stage, lang),
        "accessibility": None,
    }
    for stage in Stage:
        row[f"stage_date:{stage.value}"] = f.stage_dates.get(stage)
    row["planned_completion"] = f.planned_completion
    row["actual_completion"] = f.actual_completion
    for cat in DisabilityCategory:
        entry = f.passport.get(cat)
        row[f"passport:{cat.value}"] = _enum(entry.current, lang) if entry else None
        row[f"passport_target:{cat.value}"] = _enum(entry.target, lang) if entry else None
        row[f"passport_assessed:{cat.value}"] = entry.assessed_on if entry else None
    row["passport_conclusion"] = f.conclusion
    for zone in Zone:
        states = f.passport_zones[zone].states if zone in f.passport_zones else {}
        for cat in DisabilityCategory:
            state = states.get(cat)
            row[f"zone:{zone.value}:{cat.value}"] = _enum(state.current, lang) if state else None
            row[f"zone_target:{zone.value}:{cat.value}"] = _enum(state.target, lang) if state else None
    row["demo"] = f.demo
    return row


def rehab_row(r: RehabCenter, lang: str, district: str) -> dict[str, Any]:
    return {
        "external_id": r.external_id,
        "name": r.name,
        "kind": _enum(r.kind, lang),
        "target_groups": _enums(r.target_groups, lang),
        "places": r.places,
        "status": _enum(r.status, lang),
        "opening_year": r.opening_year,
        "budget": r.budget,
        "district_kato": r.district_kato,
        "district": district,
        "oblast": None,
        "lat": r.lat,
        "lon": r.lon,
        "operator": r.operator,
        "source": r.source,
        "demo": r.demo,
    }


def invataxi_row(r: InvataxiReport, lang: str, district: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "district_kato": r.district_kato,
        "district": district,
        "oblast": None,
        "month": r.month,
        "vehicles": r.vehicles,
        "operator": r.operator,
        "trips": r.trips,
    }
    for reason in RefusalReason:
        row[f"refused:{reason.value}"] = r.refused.get(reason, 0)
    row |= {"avg_wait_min": r.avg_wait_min, "source": r.source, "demo": r.demo}
    return row


ROWS = {"objects": facility_row, "rehab": rehab_row, "invataxi": invataxi_row}


def plain(value: Any) -> Any:
    """A cell for CSV: dates dd.mm.yyyy, money with two decimals, booleans as 1/0."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return "" if value is None else value
