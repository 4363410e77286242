"""Spatial reads that matter at national scale: objects in view, district and grid roll-ups.

On PostgreSQL with PostGIS the box test runs on ``facilities.geom`` (a generated point column
with a GiST index, migration 0002), so a view of one district among 40,000 objects reads only
the index pages it needs. Elsewhere (SQLite, PostgreSQL without PostGIS) the same queries
filter the plain ``lat``/``lon`` columns and return the same rows: a point on the edge of the
box is inside on both, because ``&&`` and ``BETWEEN`` both include the boundary.
"""

from dataclasses import dataclass
from weakref import WeakKeyDictionary

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    Select,
    and_,
    cast,
    func,
    literal_column,
    select,
    text,
)

from tracker.storage.queries import FacilityFilter
from tracker.storage.tables import districts, facilities

VIEW_COLUMNS = [
    "id",
    "name_kk",
    "name_ru",
    "sector",
    "district_kato",
    "lat",
    "lon",
    "stage",
    "program_year",
    "demo",
    "version",
]
_POSTGIS: "WeakKeyDictionary[Engine, bool]" = WeakKeyDictionary()


@dataclass(frozen=True)
class BBox:
    """A map view in degrees (WGS 84): west/east are longitudes, south/north latitudes."""

    west: float
    south: float
    east: float
    north: float

    def __post_init__(self) -> None:
        if not (-180 <= self.west < self.east <= 180 and -90 <= self.south < self.north <= 90):
            raise ValueError(f"not a bounding box: {self}")

    @classmethod
    def from_leaflet(cls, bounds: dict) -> "BBox":
        """From st_folium's ``bounds``: ``{"_southWest": {"lat", "lng"}, "_northEast": {...}}``."""
        sw, ne = bounds["_southWest"], bounds["_northEast"]
        return cls(max(-180.0, sw["lng"]), max(-90.0, sw["lat"]), min(180.0, ne["lng"]), min(90.0, ne["lat"]))


def has_postgis(conn: Connection) -> bool:
    """Whether ``facilities.geom`` exists here (PostgreSQL with PostGIS); remembered per engine."""
    if conn.dialect.name != "postgresql":
        return False
    known = _POSTGIS.get(conn.engine)
    if known is None:
        known = (
            conn.execute(
                text(
                    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = 'facilities' AND column_name = 'geom'"
                )
            ).first()
            is not None
        )
        _POSTGIS[conn.engine] = known
    return known


def in_box(bbox: BBox, postgis: bool) -> ColumnElement[bool]:
    """The condition "the object lies in ``bbox``", index-backed on PostGIS."""
    if postgis:
        envelope = func.ST_MakeEnvelope(bbox.west, bbox.south, bbox.east, bbox.north, 4326)
        return literal_column("facilities.geom").op("&&")(envelope)
    return and_(facilities.c.lon.between(bbox.west, bbox.east), facilities.c.lat.between(bbox.south, bbox.north))


def _scoped(query: Select, flt: FacilityFilter) -> Select:
    query = query.where(facilities.c.deleted_at.is_(None))
    if flt.district_katos:
        query = query.where(facilities.c.district_kato.in_(flt.district_katos))
    if flt.program_years:
        query = query.where(facilities.c.program_year.in_(flt.program_years))
    if flt.oblast_en:
        query = query.where(
            facilities.c.district_kato.in_(select(districts.c.kato).where(districts.c.oblast_en.in_(flt.oblast_en)))
        )
    return query


def bbox_query(bbox: BBox, postgis: bool, flt: FacilityFilter = FacilityFilter(), limit: int | None = None) -> Select:
    query = _scoped(select(*[facilities.c[c] for c in VIEW_COLUMNS]).where(in_box(bbox, postgis)), flt)
    query = query.order_by(facilities.c.id)
    return query.limit(limit) if limit else query


def facilities_in_bbox(
    conn: Connection, bbox: BBox, flt: FacilityFilter = FacilityFilter(), limit: int | None = None
) -> pd.DataFrame:
    """Live objects inside ``bbox`` (and the filter), ordered by id.

    Parameters
    ----------
    conn : an open connection.
    bbox : the map view.
    flt : districts, oblasts and programme years to keep (empty means all).
    limit : at most this many rows (the lowest ids), for a map that must stay light.

    Returns
    -------
    DataFrame with the columns of ``VIEW_COLUMNS``.
    """
    rows = conn.execute(bbox_query(bbox, has_postgis(conn), flt, limit)).all()
    return pd.DataFrame(rows, columns=VIEW_COLUMNS)


def district_rollup(conn: Connection, bbox: BBox | None = None, flt: FacilityFilter = FacilityFilter()) -> pd.DataFrame:
    """Objects and money per district and stage, counted in the database.

    Parameters
    ----------
    conn : an open connection.
    bbox : count only objects in this view (None: everywhere).
    flt : districts, oblasts and programme years to keep.

    Returns
    -------
    DataFrame ``district_kato, stage, objects, budget_planned, budget_spent`` (money in ₸),
    one row per district and stage that has objects, ordered by district and stage.
    """
    query = select(
        facilities.c.district_kato,
        facilities.c.stage,
        func.count().label("objects"),
        func.coalesce(func.sum(facilities.c.budget_planned_tiyn), 0).label("planned"),
        func.coalesce(func.sum(facilities.c.budget_spent_tiyn), 0).label("spent"),
    )
    if bbox is not None:
        query = query.where(in_box(bbox, has_postgis(conn)))
    query = _scoped(query, flt).group_by(facilities.c.district_kato, facilities.c.stage)
    rows = conn.execute(query.order_by(facilities.c.district_kato, facilities.c.stage)).all()
    frame = pd.DataFrame(rows, columns=["district_kato", "stage", "objects", "planned", "spent"])
    frame["objects"] = frame["objects"].astype("int64")
    # Sums of tiyn come back as Decimal on PostgreSQL and int on SQLite.
    frame["budget_planned"] = frame.pop("planned").astype("int64") / 100
    frame["budget_spent"] = frame.pop("spent").astype("int64") / 100
    return frame


def grid_counts(conn: Connection, bbox: BBox, cell_deg: float, flt: FacilityFilter = FacilityFilter()) -> pd.DataFrame:
    """Objects in ``bbox`` counted per grid cell of ``cell_deg`` degrees, for a zoomed-out map.

    Returns
    -------
    DataFrame ``cell_x, cell_y, objects, lat, lon``: the cell's column and row counted from the
    box's south-west corner, and the mean position of its objects (where to draw the cluster).
    """
    if cell_deg <= 0:
        raise ValueError("cell_deg must be positive")

    # The numbers are inlined (they are floats, checked above) so that the same expression in
    # SELECT and GROUP BY is textually equal, as PostgreSQL requires of bound parameters too.
    def cell(column, origin: float):
        offset = (column - literal_column(repr(float(origin)))) / literal_column(repr(float(cell_deg)))
        # PostgreSQL rounds a float cast to integer, SQLite truncates; inside the box the offset
        # is >= 0, so truncation is the floor, which PostgreSQL is asked for by name.
        return cast(func.floor(offset) if conn.dialect.name == "postgresql" else offset, Integer)

    cell_x = cell(facilities.c.lon, bbox.west).label("cell_x")
    cell_y = cell(facilities.c.lat, bbox.south).label("cell_y")
    query = (
        _scoped(
            select(
                cell_x, cell_y, func.count().label("objects"), func.avg(facilities.c.lat), func.avg(facilities.c.lon)
            ).where(in_box(bbox, has_postgis(conn))),
            flt,
        )
        .group_by(cell_x, cell_y)
        .order_by(cell_x, cell_y)
    )
    frame = pd.DataFrame(conn.execute(query).all(), columns=["cell_x", "cell_y", "objects", "lat", "lon"])
    return frame.astype({"cell_x": "int64", "cell_y": "int64", "objects": "int64", "lat": "float64", "lon": "float64"})
