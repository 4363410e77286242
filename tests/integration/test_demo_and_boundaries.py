"""The register as `tracker demo` and `tracker boundaries import` leave it, on both backends."""

import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from tests import factories
from tracker.domain import PermissionDenied, RuleViolation
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.boundaries import current_boundaries, import_boundaries
from tracker.services.facilities import create_facility
from tracker.services.setup import initialise, load_demo
from tracker.storage.history import now as history_now
from tracker.storage.tables import district_boundaries, facilities, history, invataxi_reports, rehab_centers, visits

SHAPEFILE = "kaz_admbnda_adm2_2024"
TEKELI = factories.TEKELI


@pytest.fixture
def demo(db):
    initialise(db)
    load_demo(db)
    return db


def _scalar(db, query):
    with db.engine.connect() as conn:
        return conn.execute(query).scalar_one()


def test_demo_totals_equal_the_seed_figures(demo):
    assert _scalar(demo, select(func.count()).select_from(facilities)) == 1294
    assert _scalar(demo, select(func.count()).where(facilities.c.program_year == 2021)) == 258
    local_2021 = _scalar(
        demo,
        select(func.sum(facilities.c.budget_allocated_tiyn)).where(
            facilities.c.program_year == 2021, facilities.c.funding_source == "local"
        ),
    )
    assert Decimal(local_2021) / 100 == Decimal("141400000.00")
    months = select(invataxi_reports.c.month, func.sum(invataxi_reports.c.vehicles)).group_by(invataxi_reports.c.month)
    with demo.engine.connect() as conn:
        fleet = dict(conn.execute(months).all())
    assert len(fleet) == 12 and fleet["2024-11"] == 40 and fleet["2025-10"] == 46  # grown since 2021's 33
    assert _scalar(demo, select(func.count()).select_from(rehab_centers)) == 11


def test_every_demo_record_is_labelled_demo_and_has_a_creation_history(demo):
    assert _scalar(demo, select(func.count()).where(facilities.c.demo.is_(False))) == 0
    created = _scalar(demo, select(func.count()).where(history.c.entity == "facility", history.c.field == "*created"))
    assert created == 1294
    visited = _scalar(demo, select(func.count()).select_from(visits))
    assert (
        visited > 0
        and _scalar(demo, select(func.count()).where(history.c.entity == "visit", history.c.field == "*created"))
        == visited
    )
    assert _scalar(demo, select(func.count()).where(visits.c.organisation.not_like("%(демо)"))) == 0


def test_start_up_tasks_are_idempotent(demo):
    assert initialise(demo) == 0
    assert load_demo(demo).already_loaded
    assert _scalar(demo, select(func.count()).select_from(facilities)) == 1294


def test_boundaries_import_is_complete_repeatable_and_assigns_districts(db, shared_geodata):
    initialise(db)
    first = import_boundaries(db, SYSTEM, shared_geodata / f"{SHAPEFILE}.shp")
    assert first.imported == 224 and first.warnings == []
    assert import_boundaries(db, SYSTEM, shared_geodata / f"{SHAPEFILE}.shp").imported == 0
    bounds = current_boundaries(db)
    assert not bounds.approximate and "geokz" in bounds.source
    # An object with coordinates but no district lands in the district around its point.
    data = factories.facility(external_id="NO-DISTRICT").model_dump() | {"district_kato": None}
    saved = create_facility(db, SYSTEM, data | {"lat": 45.015, "lon": 78.373}, boundaries=bounds)
    assert saved.stored.model.district_kato == "331000000"
    # A point stated in the wrong district is refused, naming the district it lies in; nothing is written.
    with pytest.raises(RuleViolation) as refused:
        create_facility(
            db, SYSTEM, factories.facility(external_id="WRONG", district_kato="331800000"), boundaries=bounds
        )
    assert refused.value.code == "coordinates.other_district" and refused.value.params["actual"] == "331000000"
    with db.read() as store:
        assert store.facilities.one(facilities.c.external_id == "WRONG") is None


def _square(kato: str, lon: float, lat: float, size: float) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Feature", "properties": {"KATO": kato}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_a_changed_polygon_is_a_versioned_save_with_its_history(db, tmp_path):
    initialise(db)
    path = tmp_path / "districts.geojson"
    squares = [_square("331000000", 78.2, 44.9, 0.3), _square("331800000", 78.7, 44.7, 0.3)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": squares}), encoding="utf-8")
    assert import_boundaries(db, SYSTEM, path).imported == 2
    squares[1] = _square("331800000", 78.6, 44.6, 0.5)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": squares}), encoding="utf-8")
    assert import_boundaries(db, SYSTEM, path).imported == 1
    with db.read() as store:
        tekeli = store.boundaries.require("331800000")
        entries = store.boundaries.history("331800000")
        # Shipped on init (version 1), replaced by the file (2); only Tekeli changed again (3).
        assert store.boundaries.require("331000000").version == 2
        assert store.boundaries.replay("331800000")[0] == tekeli.model
    assert tekeli.version == 3 and "78.6" in tekeli.model.geojson
    assert [e.field for e in entries] == ["*created", "geojson", "geojson"]
    assert entries[-1].comment == "imported from districts.geojson"


def test_only_an_admin_imports_boundaries(db, shared_geodata):
    initialise(db)
    with pytest.raises(PermissionDenied):
        import_boundaries(db, Actor("m", Role.MANAGER), shared_geodata / f"{SHAPEFILE}.shp")


def test_first_run_loads_the_shipped_boundaries_once(db):
    initialise(db)
    bounds = current_boundaries(db)
    assert not bounds.approximate and bounds.approximate_katos == frozenset()
    assert len(bounds.frame) == 224 and "geokz" in bounds.source
    with db.engine.connect() as conn:
        loaded = conn.execute(select(func.count()).where(history.c.entity == "district_boundary")).scalar_one()
    initialise(db)
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).where(history.c.entity == "district_boundary")).scalar_one() == loaded


def test_the_shipped_polygons_place_and_check_objects_on_a_fresh_register(db):
    initialise(db)
    bounds = current_boundaries(db)
    data = factories.facility(external_id="NO-DISTRICT").model_dump() | {"district_kato": None}
    saved = create_facility(db, SYSTEM, data | {"lat": 45.015, "lon": 78.373}, boundaries=bounds)
    assert saved.stored.model.district_kato == factories.TALDYKORGAN
    with pytest.raises(RuleViolation) as refused:
        create_facility(db, SYSTEM, factories.facility(external_id="WRONG", district_kato=TEKELI), boundaries=bounds)
    assert refused.value.code == "coordinates.other_district"
    assert refused.value.params["actual"] == factories.TALDYKORGAN


def test_a_district_without_a_polygon_alone_is_drawn_approximate(db):
    initialise(db)
    with db.engine.begin() as conn:
        conn.execute(
            update(district_boundaries).where(district_boundaries.c.kato == TEKELI).values(deleted_at=history_now())
        )
    bounds = current_boundaries(db)
    assert not bounds.approximate and bounds.approximate_katos == {TEKELI}
    assert len(bounds.frame) == 224 and TEKELI not in set(bounds.real["kato"])
    # The approximate area is cut out of the real neighbours: it never covers Taldykorgan.
    tekeli = bounds.frame.loc[bounds.frame["kato"] == TEKELI].geometry.iloc[0]
    taldykorgan = bounds.frame.loc[bounds.frame["kato"] == factories.TALDYKORGAN].geometry.iloc[0]
    assert tekeli.intersection(taldykorgan).area < 1e-9
