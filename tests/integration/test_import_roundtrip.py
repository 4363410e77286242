"""Round trips and re-imports: export → import into an empty database → export is identical;
importing the same file again updates instead of duplicating; one transaction; permissions.

On in-memory copies: the formats are the point here; the storage round trip of every record is
the contract suite's, on both databases."""

import geopandas as gpd
import pytest
from sqlalchemy import func, select

from tests import factories
from tests.support.memory import memory_copy
from tests.unit.io import io_corpus as corpus
from tracker.domain import ConflictError
from tracker.domain.enums import Stage
from tracker.io.tabular import read_xlsx_values
from tracker.services import exports
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.boundaries import BoundarySet
from tracker.services.facilities import update_facility
from tracker.services.imports import apply_import, plan_import
from tracker.services.setup import initialise, load_demo
from tracker.storage.tables import facilities, history

NO_BOUNDARIES = BoundarySet(
    gpd.GeoDataFrame({"kato": []}, geometry=[], crs="EPSG:4326"), approximate=True, source="none"
)


@pytest.fixture
def db(memory_db):
    return memory_db


@pytest.fixture
def second_db(memory_template):
    """Another register with the district catalogue and nothing else."""
    other = memory_copy(memory_template)
    yield other
    other.dispose()


def _history_count(db) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(history)).scalar_one()


def _import(db, name, data, kind="objects", actor=SYSTEM):
    plan = plan_import(db, actor, name, data, kind, boundaries=NO_BOUNDARIES)
    assert plan.ok, [(p.row, p.column, p.value, p.code) for p in plan.problems[:5]]
    return plan, apply_import(db, actor, plan)


def test_xlsx_round_trip_of_all_objects_is_identical(db, second_db):
    initialise(db)
    load_demo(db)
    initialise(second_db)
    first = exports.export_table(db, "objects", "xlsx", "kk")
    _, result = _import(second_db, first.filename, first.data)
    assert result.created == 1294
    again = exports.export_table(second_db, "objects", "xlsx", "kk")
    assert read_xlsx_values(again.data) == read_xlsx_values(first.data)
    for kind in ("rehab", "invataxi"):
        out = exports.export_table(db, kind, "csv", "ru")
        _import(second_db, out.filename, out.data, kind)
        assert exports.export_table(second_db, kind, "csv", "ru").data == out.data


def test_reimport_updates_instead_of_duplicating(db):
    initialise(db)
    data = corpus.ru_csv()
    _, first = _import(db, "talgar.csv", data)
    assert first.created == 3
    before = _history_count(db)
    _plan, second = _import(db, "talgar.csv", data)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert _history_count(db) == before  # unchanged rows write nothing
    changed = corpus.ru_csv(rows=corpus.with_cell(0, "Этап", "Госзакупки"))
    _plan, third = _import(db, "talgar_v2.csv", changed)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    with db.read() as store:
        stored = store.facilities.all(facilities.c.external_id == "T-1")[0]
        entries = store.facilities.history(stored.model.id)
        assert store.facilities.count() == 3
    assert stored.version == 2 and stored.model.stage == Stage.PROCUREMENT
    assert {e.comment for e in entries if e.version == 2} == {"imported from talgar_v2.csv"}
    assert {e.field for e in entries if e.version == 2} >= {"stage", "stage_dates.procurement"}


def test_rows_without_an_id_get_a_stable_one(db):
    initialise(db)
    rows = [r[1:] for r in corpus.RU_ROWS]
    data = corpus.csv_bytes(corpus.RU_HEADER[1:], rows)
    _import(db, "no_ids.csv", data)
    _, again = _import(db, "no_ids.csv", data)
    assert again.unchanged == 3 and again.created == 0


def test_a_district_editor_imports_only_into_their_districts(db):
    initialise(db)
    editor = Actor("Әсел", Role.DISTRICT_EDITOR, districts=frozenset({corpus.TALGAR}))
    plan = plan_import(db, editor, "talgar.csv", corpus.ru_csv(), "objects", boundaries=NO_BOUNDARIES)
    refused = [p for p in plan.problems if p.code == "permission.out_of_scope"]
    assert [p.row for p in refused] == ["4"] and not plan.ok  # row 4 is in Taldykorgan
    own = corpus.ru_csv(rows=corpus.RU_ROWS[:2])
    _, result = _import(db, "talgar.csv", own, actor=editor)
    assert result.created == 2
    monitor = Actor("NGO", Role.MONITOR)
    assert not plan_import(db, monitor, "t.csv", own, "objects", boundaries=NO_BOUNDARIES).ok


def test_a_record_changed_after_the_dry_run_stops_the_whole_import(db):
    initialise(db)
    _import(db, "talgar.csv", corpus.ru_csv())
    new_rows = [
        *corpus.with_cell(0, "Этап", "Госзакупки"),
        ["T-9", "Музей", "Культура", "Талгарский район", "43,3", "77,2", "2023", "10", "ПСД", ""],
    ]
    plan = plan_import(db, SYSTEM, "v2.csv", corpus.ru_csv(rows=new_rows), "objects", boundaries=NO_BOUNDARIES)
    assert plan.ok and plan.count("create") == 1 and plan.count("update") == 1
    with db.read() as store:
        t1 = store.facilities.all(facilities.c.external_id == "T-1")[0]
    update_facility(db, SYSTEM, t1.model.id, {"contractor": "ТОО «Құрылыс»"}, t1.version)
    before = _history_count(db)
    with pytest.raises(ConflictError):
        apply_import(db, SYSTEM, plan)
    with db.read() as store:
        assert store.facilities.count() == 3  # the new row T-9 was rolled back with the rest
    assert _history_count(db) == before


def test_geojson_export_imports_back(db):
    initialise(db)
    with db.write() as uow:
        uow.facilities.add(factories.facility(name_kk="«Мектеп» <b>№3</b> ${x}", external_id="G-1"), "setup")
        uow.commit()
    out = exports.export_table(db, "objects", "geojson")
    _plan, result = _import(db, out.filename, out.data)
    assert result.unchanged == 1


def test_a_geopackage_imports(db, tmp_path):
    initialise(db)
    with db.write() as uow:
        uow.facilities.add(factories.facility(external_id="GP-1"), "setup")
        uow.commit()
    exported = tmp_path / "objects.geojson"
    exported.write_bytes(exports.export_table(db, "objects", "geojson").data)
    frame = gpd.read_file(exported).to_crs("EPSG:3857")  # a projected file is brought back to degrees
    frame.to_file(tmp_path / "objects.gpkg", driver="GPKG")
    plan = plan_import(
        db, SYSTEM, "objects.gpkg", (tmp_path / "objects.gpkg").read_bytes(), "objects", boundaries=NO_BOUNDARIES
    )
    assert plan.table.format == "gpkg" and plan.ok, [(p.row, p.column, p.code) for p in plan.problems]
    assert plan.count("unchanged") == 1
