"""District boundaries: imported from a file into the database, or approximated when absent."""

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import shapely
from sqlalchemy import Engine, insert, select, update

from tracker.geo.boundaries import check_against_catalog, read_boundaries, with_approximate_areas
from tracker.geo.catalog import BOUNDARY_CREDIT
from tracker.geo.download import fetch_geokz
from tracker.services.actor import SYSTEM, Actor
from tracker.services.permissions import Action, require
from tracker.storage import history
from tracker.storage.tables import district_boundaries
from tracker.storage.unit_of_work import UnitOfWork, reading

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


def current_boundaries(engine: Engine) -> BoundarySet:
    """The stored polygons, and the labelled approximate area of each district without one."""
    with reading(engine) as store:
        rows = store.conn.execute(
            select(district_boundaries.c.kato, district_boundaries.c.geojson, district_boundaries.c.source).where(
                district_boundaries.c.deleted_at.is_(None)
            )
        ).all()
        districts = [d.model for d in store.districts.all()]
    real = gpd.GeoDataFrame(
        {"kato": [r.kato for r in rows]}, geometry=[shapely.from_geojson(r.geojson) for r in rows], crs="EPSG:4326"
    )
    frame = with_approximate_areas(real, districts)
    approximate = frozenset(frame.loc[frame["approximate"], "kato"])
    if not rows:
        return BoundarySet(frame, approximate=True, source=APPROXIMATE_SOURCE, approximate_katos=approximate)
    return BoundarySet(
        frame, approximate=False, source="; ".join(sorted({r.source for r in rows})), approximate_katos=approximate
    )


def import_boundaries(
    engine: Engine, actor: Actor, path: str | Path, source: str = BOUNDARY_CREDIT, only_if_empty: bool = False
) -> BoundaryImport:
    """Store the polygons of a boundary file for the districts the register knows, all or none.

    Re-importing replaces each district's polygon (with a history row) and changes nothing
    where the polygon is identical. With ``only_if_empty`` nothing is written when any boundary
    is already stored (decided under the start-up lock, so concurrent first runs load it once).
    """
    if not only_if_empty:
        require(actor, Action.IMPORT_BOUNDARIES)
    frame = read_boundaries(path)
    with UnitOfWork(engine) as uow:
        uow.serialise()
        existing = {r.kato: r for r in uow.conn.execute(select(district_boundaries)).mappings()}
        if only_if_empty and any(r["deleted_at"] is None for r in existing.values()):
            return BoundaryImport(0)
        require(actor, Action.IMPORT_BOUNDARIES)
        districts = [d.model for d in uow.districts.all()]
        known = {d.kato for d in districts}
        warnings = check_against_catalog(frame, districts)
        at = history.now()
        imported = 0
        change_id = str(uuid.uuid4())
        for kato, geometry in zip(frame["kato"], frame.geometry):
            if kato not in known:
                continue
            geojson = shapely.to_geojson(geometry, indent=None)
            summary = {"source": source, "vertices": int(shapely.get_num_coordinates(geometry))}
            before = existing.get(kato)
            if before is not None and before["geojson"] == geojson and before["deleted_at"] is None:
                continue
            if before is None:
                uow.conn.execute(
                    insert(district_boundaries).values(
                        kato=kato,
                        geojson=geojson,
                        source=source,
                        version=1,
                        created_at=at,
                        updated_at=at,
                        updated_by=actor.name,
                    )
                )
                version, old = 1, history.ABSENT
            else:
                version = before["version"] + 1
                uow.conn.execute(
                    update(district_boundaries)
                    .where(district_boundaries.c.kato == kato)
                    .values(
                        geojson=geojson,
                        source=source,
                        version=version,
                        updated_at=at,
                        updated_by=actor.name,
                        deleted_at=None,
                    )
                )
                old = {"source": before["source"], "vertices": _vertices(before["geojson"])}
            history.write(
                uow.conn,
                change_id=change_id,
                entity="district_boundary",
                entity_id=kato,
                version=version,
                changes={"boundary": (old, summary)},
                actor=actor.name,
                at=at,
                comment=f"imported from {Path(path).name}",
            )
            imported += 1
        if imported:
            uow.mark_written()
        uow.commit()
    return BoundaryImport(imported, warnings)


def _vertices(geojson: str) -> int:
    return int(shapely.get_num_coordinates(shapely.from_geojson(geojson)))


def boundaries_geojson(boundaries: BoundarySet) -> dict:
    return json.loads(boundaries.frame.to_json(drop_id=True))


def has_imported_boundaries(engine: Engine) -> bool:
    with reading(engine) as store:
        found = store.conn.execute(
            select(district_boundaries.c.kato).where(district_boundaries.c.deleted_at.is_(None)).limit(1)
        ).first()
    return found is not None


def download_if_missing(
    engine: Engine, cache_dir: Path, timeout: float, url: str | None = None
) -> BoundaryImport | None:
    """When no boundaries are imported, try the public geokz files once (short timeout).

    Returns None when boundaries were there already or the download failed (offline):
    the maps then keep the labelled approximation.
    """
    if has_imported_boundaries(engine):
        return None
    path = fetch_geokz(cache_dir, timeout, **({"url": url} if url else {}))
    if path is None:
        return None
    return import_boundaries(engine, SYSTEM, path, source=BOUNDARY_CREDIT)
