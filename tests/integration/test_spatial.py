"""On PostgreSQL with PostGIS every object carries a point that follows its coordinates, with a
GiST index a box query can use; SQLite keeps plain lat/lon (migration 0002)."""

import pytest
from sqlalchemy import inspect, text

from tests import factories


def _saved_object(db, lat: float, lon: float) -> int:
    with db.write() as uow:
        uow.districts.add(factories.district(), "setup")
        key = uow.facilities.add(factories.facility(external_id="G-1", lat=lat, lon=lon), "setup")
        uow.commit()
    return key


@pytest.mark.postgis
def test_postgis_keeps_a_point_per_object_and_a_box_query_uses_its_index(db):
    key = _saved_object(db, 45.0153, 78.3739)
    with db.engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("facilities")}
        if db.dialect == "sqlite":
            assert "geom" not in columns and {"lat", "lon"} <= columns
            return
        assert "geom" in columns, "the test cluster has PostGIS (postgresql-15-postgis-3)"
        point = conn.execute(text("SELECT ST_X(geom), ST_Y(geom) FROM facilities WHERE id = :id"), {"id": key}).one()
        assert tuple(round(v, 4) for v in point) == (78.3739, 45.0153)
        # Few rows make a sequential scan cheaper; forbid it to see that the index can serve.
        conn.execute(text("SET enable_seqscan = off"))
        box = "ST_MakeEnvelope(78.3, 45.0, 78.4, 45.1, 4326)"
        plan = "\n".join(row[0] for row in conn.execute(text(f"EXPLAIN SELECT id FROM facilities WHERE geom && {box}")))
    assert "ix_facilities_geom" in plan
