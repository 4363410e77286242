"""The objects of a person's scope nearest to where they stand (the audit page's "near me")."""

import pandas as pd

from tracker.geo.nearby import nearest_objects
from tracker.services.actor import Actor
from tracker.services.permissions import in_scope


def nearest_in_scope(
    actor: Actor, facilities: pd.DataFrame, oblast_of: dict[str, str], lat: float, lon: float, limit: int = 10
) -> list[tuple[int, float]]:
    """``(id, km)`` nearest first, among the objects ``actor``'s role and districts cover."""
    if facilities.empty:
        return []
    mine = facilities[[in_scope(actor, k, oblast_of.get(k)) for k in facilities["district_kato"]]]
    return nearest_objects(lat, lon, mine["id"], mine["lat"], mine["lon"], limit=limit)
