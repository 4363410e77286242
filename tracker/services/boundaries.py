"""District boundaries: imported from a file into the database, or approximated when absent."""

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import shapely
from sqlalchemy import Engine, insert, select, update

from tracker.geo.boundaries import approximate_areas, check_against_catalog, read_boundaries
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
    """District polygons (columns ``kato``, ``geometry``; EPSG:4326) and where they come from."""

    frame: gpd.GeoDataFrame
    approximate: bool
    source: str


@dataclass(frozen=True)
class BoundaryImport:
    imported: int
    warnings: list[str] = field(default_factory=list)


def current_boundaries(engine: Engine) -> BoundarySet:
    """Imported boundaries when there are any; otherwise the labelled approximation."""
    with reading(engine) as store:
        rows = store.conn.execute(
            select(district_boundaries.c.kato, district_boundaries.c.geojson, district_boundaries.c.source).where(
                district_boundaries.c.deleted_at.is_(None)
            )
        ).all()
        districts = [d.model for d in store.districts.all()]
    if rows:
        frame = gpd.GeoDataFrame(
            {"kato": [r.kato for r in rows]},
            geometry=[shapely.from_geojson(r.geojson) for r in rows],
            crs="EPSG:4326",
        )
        return BoundarySet(frame, approximate=False, source=rows[0].source)
    return BoundarySet(approximate_areas(districts), approximate=True, source=APPROXIMATE_SOURCE)


def import_boundaries(engine: Engine, actor: Actor, path: str | Path, source: str = BOUNDARY_CREDIT) -> BoundaryImport:
    """Store the polygons of a boundary file for the districts the register knows, all or none.

    Re-importing replaces each district's polygon (with a history row) and changes nothing
    where the polygon is identical.
    """
    require(actor, Action.IMPORT_BOUNDARIES)
    frame = read_boundaries(path)
    with UnitOfWork(engine) as uow:
        districts = [d.model for d in uow.districts.all()]
        known = {d.kato for d in districts}
        warnings = check_against_catalog(frame, districts)
        existing = {r.kato: r for r in uow.conn.execute(select(district_boundaries)).mappings()}
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
