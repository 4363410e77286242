"""District boundaries: imported from a file into the database, or approximated when absent."""

import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import shapely

from tracker.domain.boundary import DistrictBoundary
from tracker.geo.boundaries import check_against_catalog, read_boundaries, with_approximate_areas
from tracker.geo.catalog import BOUNDARY_CREDIT
from tracker.services.actor import Actor
from tracker.services.permissions import Action, require
from tracker.storage.database import Database

APPROXIMATE_SOURCE = "approximate areas around district centres"


@dataclass(frozen=True)
class BoundarySet:
    """District polygons (columns ``kato``, ``geometry``, ``approximate``; EPSG:4326) and their source.

    ``approximate`` is true when no district has a real polygon (the whole map is approximate);
    ``approximate_katos`` names the districts drawn as approximate areas, for lack of a polygon.
    """

    frame: gpd.GeoDataFrame
    approximate: bool
    source: str
    approximate_katos: frozenset[str] = frozenset()

    @property
    def real(self) -> gpd.GeoDataFrame:
        """Only the polygons from a boundary file: what points are checked against."""
        if "approximate" not in self.frame:
            return self.frame.iloc[0:0] if self.approximate else self.frame
        return self.frame[~self.frame["approximate"].astype(bool)]


@dataclass(frozen=True)
class BoundaryImport:
    imported: int
    warnings: list[str] = field(default_factory=list)


def current_boundaries(db: Database) -> BoundarySet:
    """The stored polygons, and the labelled approximate area of each district without one."""
    with db.read() as store:
        stored = [s.model for s in store.boundaries.all()]
        districts = [d.model for d in store.districts.all()]
    real = gpd.GeoDataFrame(
        {"kato": [b.kato for b in stored]}, geometry=[shapely.from_geojson(b.geojson) for b in stored], crs="EPSG:4326"
    )
    frame = with_approximate_areas(real, districts)
    approximate = frozenset(frame.loc[frame["approximate"], "kato"])
    if not stored:
        return BoundarySet(frame, approximate=True, source=APPROXIMATE_SOURCE, approximate_katos=approximate)
    return BoundarySet(
        frame, approximate=False, source="; ".join(sorted({b.source for b in stored})), approximate_katos=approximate
    )


def import_boundaries(
    db: Database, actor: Actor, path: str | Path, source: str = BOUNDARY_CREDIT, only_if_empty: bool = False
) -> BoundaryImport:
    """Store the polygons of a boundary file for the districts the register knows, all or none.

    Re-importing replaces each district's polygon (a versioned save with its history) and
    changes nothing where the polygon is identical. With ``only_if_empty`` nothing is written
    when any boundary is already stored (decided under the start-up lock, so concurrent first
    runs load it once).
    """
    if not only_if_empty:
        require(actor, Action.IMPORT_BOUNDARIES)
    frame = read_boundaries(path)
    comment = f"imported from {Path(path).name}"
    with db.write() as uow:
        uow.serialise()
        existing = {s.model.kato: s for s in uow.boundaries.all(include_deleted=True)}
        if only_if_empty and any(not s.deleted for s in existing.values()):
            return BoundaryImport(0)
        require(actor, Action.IMPORT_BOUNDARIES)
        districts = [d.model for d in uow.districts.all()]
        known = {d.kato for d in districts}
        warnings = check_against_catalog(frame, districts)
        new: list[DistrictBoundary] = []
        imported = 0
        for kato, geometry in zip(frame["kato"], frame.geometry):
            if kato not in known:
                continue
            boundary = DistrictBoundary(kato=kato, geojson=shapely.to_geojson(geometry, indent=None), source=source)
            before = existing.get(kato)
            if before is None:
                new.append(boundary)
            elif before.model.geojson == boundary.geojson and not before.deleted:
                continue
            else:
                version = before.version
                if before.deleted:
                    uow.boundaries.restore(kato, actor.name, comment)
                    version += 1
                uow.boundaries.update(kato, boundary, version, actor.name, comment)
            imported += 1
        uow.boundaries.add_many(new, actor.name, comment)
        uow.commit()
    return BoundaryImport(imported, warnings)


def boundaries_geojson(boundaries: BoundarySet) -> dict:
    return json.loads(boundaries.frame.to_json(drop_id=True))
