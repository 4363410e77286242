"""Spatial reads give the same answers on SQLite and on PostgreSQL, where PostGIS does the work."""

from decimal import Decimal

import pytest
from sqlalchemy import text

from tests import factories
from tracker.domain import Budget, Stage
from tracker.storage.queries import FacilityFilter, facilities_frame
from tracker.storage.spatial import (
    BBox,
    bbox_query,
    district_rollup,
    facilities_in_bbox,
    grid_counts,
    has_postgis,
)

# A 5 x 4 lattice of objects, 0.1° apart, in Taldykorgan (the west half) and Tekeli (the east).
LATTICE = [(45.0 + 0.1 * row, 78.0 + 0.1 * col) for row in range(4) for col in range(5)]


@pytest.fixture
def lattice(db):
    objects = []
    for n, (lat, lon) in enumerate(LATTICE):
        east = lon >= 78.25
        objects.append(
            factories.facility(
                external_id=f"G-{n}",
                lat=round(lat, 4),
                lon=round(lon, 4),
                district_kato=factories.TEKELI if east else factories.TALDYKORGAN,
                stage=Stage.PLANNED if n % 2 else Stage.DESIGN_ESTIMATE,
                stage_dates={} if n % 2 else {Stage.DESIGN_ESTIMATE: factories.facility().planned_completion},
                program_years=[2021 + n % 3],
                budget=Budget(planned=Decimal(1000 + n)),
            )
        )
    with db.write() as uow:
        uow.districts.add_many(
            [
                factories.district(),
                factories.district(factories.TEKELI, name_kk="Текелі", name_ru="Текели", name_en="Tekeli"),
            ],
            "setup",
        )
        keys = uow.facilities.add_many(objects, "setup")
        # A deleted object inside every box: it must never be counted.
        gone = uow.facilities.add(factories.facility(external_id="G-gone", lat=45.05, lon=78.05), "setup")
        uow.facilities.soft_delete(gone, 1, "setup")
        uow.commit()
    return dict(zip(keys, LATTICE))


def test_objects_in_a_box_include_its_edges_and_skip_deleted_ones(db, lattice):
    box = BBox(west=78.1, south=45.1, east=78.3, north=45.2)
    with db.read() as store:
        found = facilities_in_bbox(store.conn, box)
    expected = sorted(
        k
        for k, (lat, lon) in lattice.items()
        if 45.1 - 1e-9 <= lat <= 45.2 + 1e-9 and 78.1 - 1e-9 <= lon <= 78.3 + 1e-9
    )
    assert list(found["id"]) == expected
    assert len(expected) == 6


def test_box_honours_the_filter_and_the_limit(db, lattice):
    box = BBox(77.0, 44.0, 79.0, 46.0)
    with db.read() as store:
        tekeli = facilities_in_bbox(store.conn, box, FacilityFilter(district_katos=(factories.TEKELI,)))
        first = facilities_in_bbox(store.conn, box, limit=3)
        by_year = facilities_in_bbox(store.conn, box, FacilityFilter(program_years=(2022,)))
    assert set(tekeli["district_kato"]) == {factories.TEKELI} and len(tekeli) == 8
    assert list(first["id"]) == sorted(lattice)[:3]
    assert set(by_year["program_year"]) == {2022}


def test_district_rollup_agrees_with_the_frame_the_pages_use(db, lattice):
    with db.read() as store:
        rollup = district_rollup(store.conn)
        frame = facilities_frame(store.conn)
    expected = frame.groupby(["district_kato", "stage"]).agg(
        objects=("id", "size"), budget_planned=("budget_planned", "sum")
    )
    got = rollup.set_index(["district_kato", "stage"])
    assert got["objects"].to_dict() == expected["objects"].to_dict()
    assert got["budget_planned"].to_dict() == pytest.approx(expected["budget_planned"].to_dict())
    assert rollup["objects"].sum() == len(lattice)


def test_district_rollup_in_a_view(db, lattice):
    with db.read() as store:
        west_only = district_rollup(store.conn, BBox(77.9, 44.9, 78.15, 45.35))
    assert set(west_only["district_kato"]) == {factories.TALDYKORGAN}
    assert west_only["objects"].sum() == 8


def test_grid_counts_cluster_the_view(db, lattice):
    box = BBox(78.0, 45.0, 78.4 + 1e-9, 45.3 + 1e-9)
    with db.read() as store:
        cells = grid_counts(store.conn, box, cell_deg=0.25)
    assert cells["objects"].sum() == len(LATTICE)
    corner = cells[(cells.cell_x == 0) & (cells.cell_y == 0)].iloc[0]
    # 0.0, 0.1, 0.2 ° east × 0.0, 0.1, 0.2 ° north of the corner fall in the first cell.
    assert corner.objects == 9
    assert corner.lat == pytest.approx(45.1) and corner.lon == pytest.approx(78.1)


def test_a_box_must_be_a_box():
    with pytest.raises(ValueError):
        BBox(west=80, south=45, east=79, north=46)
    bounds = {"_southWest": {"lat": 40.1, "lng": 46.2}, "_northEast": {"lat": 55.6, "lng": 87.4}}
    assert BBox.from_leaflet(bounds) == BBox(46.2, 40.1, 87.4, 55.6)


@pytest.mark.postgis
def test_postgis_answers_with_its_index_and_sqlite_with_lat_lon(db, lattice):
    box = BBox(78.1, 45.1, 78.3, 45.2)
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            assert not has_postgis(conn)
            assert "BETWEEN" in str(bbox_query(box, postgis=False).compile(conn))
            return
        assert has_postgis(conn), "the test cluster has PostGIS (postgresql-15-postgis-3)"
        # Few rows make a sequential scan cheaper; forbid it to see that the index can serve.
        conn.execute(text("SET enable_seqscan = off"))
        sql = str(bbox_query(box, postgis=True).compile(conn, compile_kwargs={"literal_binds": True}))
        plan = "\n".join(row[0] for row in conn.execute(text("EXPLAIN " + sql)))
    assert "ix_facilities_geom" in plan
