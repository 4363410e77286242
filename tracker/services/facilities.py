"""Use cases on objects: create and save, with rules, permissions and history in one transaction."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.domain import Facility, RuleViolation, Stage, calendar
from tracker.geo.assign import assign_districts, district_warning
from tracker.services.actor import Actor
from tracker.services.boundaries import BoundarySet
from tracker.services.permissions import Action, require
from tracker.services.rulebook import check_change
from tracker.storage.database import Database
from tracker.storage.repository import Stored
from tracker.storage.tables import facilities
from tracker.storage.unit_of_work import Store


@dataclass(frozen=True)
class Saved:
    stored: Stored[Facility]
    warnings: list[str] = field(default_factory=list)


def _oblast_of(store: Store, kato: str) -> str:
    district = store.districts.get(kato)
    if district is None:
        raise RuleViolation("district.unknown", kato=kato)
    return district.model.oblast_en


def _warnings(facility: Facility, boundaries: BoundarySet | None) -> list[str]:
    if boundaries is None or boundaries.approximate:
        return []
    warning = district_warning(facility.lat, facility.lon, facility.district_kato, boundaries.real)
    return [warning] if warning else []


def _real(boundaries: BoundarySet | None):
    return None if boundaries is None or boundaries.approximate else boundaries.real


def check_external_id(store: Store, external_id: str | None, own_id: int | None = None) -> None:
    """A second object with the same external id is refused, naming the object that holds it."""
    if not external_id:
        return
    for holder in store.facilities.all(facilities.c.external_id == external_id, include_deleted=True):
        if holder.model.id != own_id:
            raise RuleViolation("facility.duplicate_external_id", external_id=external_id, existing=holder.model.id)


def _with_district(data: dict[str, Any], boundaries: BoundarySet | None) -> dict[str, Any]:
    """Objects that arrive without a district get the one their point falls in."""
    if data.get("district_kato") or boundaries is None or boundaries.approximate:
        return data
    if data.get("lat") is None or data.get("lon") is None:
        return data
    kato = assign_districts([float(data["lat"])], [float(data["lon"])], boundaries.real)[0]
    if kato is None:
        raise RuleViolation("coordinates.no_district", lat=float(data["lat"]), lon=float(data["lon"]))
    return data | {"district_kato": kato}


def create_facility(
    db: Database,
    actor: Actor,
    data: dict[str, Any] | Facility,
    boundaries: BoundarySet | None = None,
    comment: str | None = None,
) -> Saved:
    """Validate and insert one object; raises ValidationError, RuleViolation or PermissionDenied."""
    if isinstance(data, Facility):
        data = data.model_dump()
    facility = Facility.model_validate(_with_district(dict(data), boundaries) | {"id": None})
    with db.write() as uow:
        oblast = _oblast_of(uow, facility.district_kato)
        require(actor, Action.CREATE_FACILITY, facility.district_kato, oblast)
        check_change(actor, facility, None, oblast, comment, _real(boundaries))
        check_external_id(uow, facility.external_id)
        key = uow.facilities.add(facility, actor.name, comment)
        stored = uow.facilities.require(key)
        uow.commit()
    return Saved(stored, _warnings(facility, boundaries))


def update_facility(
    db: Database,
    actor: Actor,
    facility_id: int,
    changes: dict[str, Any],
    seen_version: int,
    comment: str | None = None,
    boundaries: BoundarySet | None = None,
    today: date | None = None,
) -> Saved:
    """Apply ``changes`` to the object as it was at ``seen_version``.

    A stage move is checked against the transition rules (``comment`` is its reason) and dated
    ``today`` unless the changes carry a date for it. Moving the object to another district
    needs the right to edit both districts.
    """
    with db.write() as uow:
        current = uow.facilities.require(facility_id)
        old = current.model
        require(actor, Action.EDIT_FACILITY, old.district_kato, _oblast_of(uow, old.district_kato))
        merged = old.model_dump() | dict(changes) | {"id": facility_id}
        new_stage = Stage(merged["stage"])
        if new_stage != old.stage:
            dates = dict(merged.get("stage_dates") or {})
            dates.setdefault(new_stage, today or calendar.today())
            merged["stage_dates"] = dates
            if new_stage == Stage.COMPLETED and not merged.get("actual_completion"):
                # Completed with no date given: the day it was reported (today in Kazakhstan).
                merged["actual_completion"] = dates[new_stage]
        new = Facility.model_validate(merged)
        if new.district_kato != old.district_kato:
            require(actor, Action.EDIT_FACILITY, new.district_kato, _oblast_of(uow, new.district_kato))
        oblast = _oblast_of(uow, old.district_kato)
        check_change(actor, new, old, oblast, comment, _real(boundaries), today)
        check_external_id(uow, new.external_id, facility_id)
        stored = uow.facilities.update(facility_id, new, seen_version, actor.name, comment)
        uow.commit()
    return Saved(stored, _warnings(new, boundaries))


def delete_facility(db: Database, actor: Actor, facility_id: int, seen_version: int, reason: str) -> None:
    """Soft-delete an object (it stays in the history and can be restored); needs a reason."""
    if not (reason and reason.strip()):
        raise RuleViolation("facility.delete_needs_reason")
    with db.write() as uow:
        current = uow.facilities.require(facility_id)
        kato = current.model.district_kato
        require(actor, Action.DELETE_FACILITY, kato, _oblast_of(uow, kato))
        uow.facilities.soft_delete(facility_id, seen_version, actor.name, reason.strip())
        uow.commit()
