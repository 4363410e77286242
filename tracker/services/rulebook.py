"""The one rule book every change of an object goes through: the form, the importer, the CLI.

``check_change`` takes the object as it would be stored and as it was (None for a new one) and
raises the first refusal: where it stands, its dates, its stage move and who may make it.
Money invariants and names are the model's own validators, run before this.
"""

from datetime import date

import geopandas as gpd

from tracker.config import get_settings
from tracker.domain import Facility, PermissionDenied, RuleViolation, Stage, calendar
from tracker.domain.dates import check_dates
from tracker.domain.stages import check_transition
from tracker.geo.location import check_in_district, check_location
from tracker.services.actor import Actor
from tracker.services.permissions import Action, require, require_stage_move


def check_change(
    actor: Actor,
    new: Facility,
    old: Facility | None,
    oblast_en: str | None,
    reason: str | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
    today: date | None = None,
    last_year: int | None = None,
) -> None:
    """Raise RuleViolation or PermissionDenied when ``old → new`` breaks a rule of the programme.

    ``boundaries`` are the real district polygons (None when only the approximation is loaded);
    ``last_year`` is the programme's horizon for planned completions (default: the setting).
    """
    moved = old is None or (new.lat, new.lon, new.district_kato) != (old.lat, old.lon, old.district_kato)
    if moved:
        check_location(new.lat, new.lon)
        check_in_district(new.lat, new.lon, new.district_kato, boundaries)
    horizon = last_year if last_year is not None else get_settings().programme_last_year
    check_dates(new, old, today or calendar.today(), horizon)
    if old is None:
        if new.stage == Stage.ACCEPTED:
            require(actor, Action.ACCEPT, new.district_kato, oblast_en)
        return
    if new.stage != old.stage:
        check_transition(old.stage, new.stage, reason)
        require_stage_move(actor, old.stage, new.stage, old.district_kato, oblast_en)


def offered_stages(actor: Actor, current: Stage, district_kato: str, oblast_en: str | None) -> list[Stage]:
    """The stages a form may offer: the current one and every move this actor may make (given a reason)."""
    offered = []
    for stage in Stage:
        try:
            if stage != current:
                check_transition(current, stage, reason="-")
                require_stage_move(actor, current, stage, district_kato, oblast_en)
        except (RuleViolation, PermissionDenied):
            continue
        offered.append(stage)
    return offered
