"""The register as `tracker demo` and `tracker boundaries import` leave it, on both backends."""

import functools
import http.server
import shutil
import threading
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests import factories
from tracker.domain import PermissionDenied
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.boundaries import current_boundaries, download_if_missing, import_boundaries
from tracker.services.facilities import create_facility
from tracker.services.setup import initialise, load_demo
from tracker.storage.tables import facilities, history, invataxi_reports, rehab_centers, visits

SHAPEFILE = "kaz_admbnda_adm2_2024"


@pytest.fixture
def demo(engine):
    initialise(engine)
    load_demo(engine)
    return engine


def _scalar(engine, query):
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def test_demo_totals_equal_the_seed_figures(demo):
    assert _scalar(demo, select(func.count()).select_from(facilities)) == 1294
    assert _scalar(demo, select(func.count()).where(facilities.c.program_year == 2021)) == 258
    local_2021 = _scalar(
        demo,
        select(func.sum(facilities.c.budget_planned_tiyn)).where(
            facilities.c.program_year == 2021, facilities.c.funding_source == "local"
        ),
    )
    assert Decimal(local_2021) / 100 == Decimal("141400000.00")
    months = select(invataxi_reports.c.month, func.sum(invataxi_reports.c.vehicles)).group_by(invataxi_reports.c.month)
    with demo.connect() as conn:
        fleet = dict(conn.execute(months).all())
    assert len(fleet) == 12 and set(fleet.values()) == {33}
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


def test_without_boundaries_maps_get_labelled_approximate_areas(demo):
    bounds = current_boundaries(demo)
    assert bounds.approximate and "approximate" in bounds.source
    assert len(bounds.frame) == 224


def test_boundaries_import_is_complete_repeatable_and_assigns_districts(engine, shared_geodata):
    initialise(engine)
    first = import_boundaries(engine, SYSTEM, shared_geodata / f"{SHAPEFILE}.shp")
    assert first.imported == 224 and first.warnings == []
    assert import_boundaries(engine, SYSTEM, shared_geodata / f"{SHAPEFILE}.shp").imported == 0
    bounds = current_boundaries(engine)
    assert not bounds.approximate and "geokz" in bounds.source
    # An object with coordinates but no district lands in the district around its point.
    data = factories.facility(external_id="NO-DISTRICT").model_dump() | {"district_kato": None}
    saved = create_facility(engine, SYSTEM, data | {"lat": 45.015, "lon": 78.373}, boundaries=bounds)
    assert saved.stored.model.district_kato == "331000000"
    # A point stated in the wrong district is saved with a warning naming the right one.
    wrong = create_facility(
        engine, SYSTEM, factories.facility(external_id="WRONG", district_kato="331800000"), boundaries=bounds
    )
    assert wrong.warnings and "331000000" in wrong.warnings[0]


def test_only_an_admin_imports_boundaries(engine, shared_geodata):
    initialise(engine)
    with pytest.raises(PermissionDenied):
        import_boundaries(engine, Actor("m", Role.MANAGER), shared_geodata / f"{SHAPEFILE}.shp")


@pytest.fixture
def geokz_server(tmp_path, shared_geodata):
    served = tmp_path / "served"
    served.mkdir()
    for path in shared_geodata.glob(f"{SHAPEFILE}.*"):
        shutil.copy(path, served)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/{SHAPEFILE}.shp"
    server.shutdown()


def test_first_run_download_imports_boundaries_once(engine, tmp_path, geokz_server):
    initialise(engine)
    result = download_if_missing(engine, tmp_path / "cache", timeout=5, url=geokz_server)
    assert result.imported == 224
    assert download_if_missing(engine, tmp_path / "cache", timeout=5, url=geokz_server) is None


def test_offline_first_run_keeps_the_approximation(engine, tmp_path):
    initialise(engine)
    assert download_if_missing(engine, tmp_path / "cache", timeout=1, url="http://127.0.0.1:9/x.shp") is None
    assert current_boundaries(engine).approximate
