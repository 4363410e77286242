"""The live map's store on SQLite and PostgreSQL: one full read, then only what a save changed."""

from datetime import date

import pytest
from sqlalchemy import select

from tests import factories
from tracker.domain import PassportEntry
from tracker.domain.enums import DisabilityCategory, LocationPrecision, PassportState, Stage
from tracker.maps.live.pack import CATEGORIES, PRECISION_SHIFT, PRECISIONS, STAGES, unpack
from tracker.services.actor import SYSTEM
from tracker.services.facilities import create_facility, delete_facility, update_facility
from tracker.services.live_map import LiveStore
from tracker.storage.tables import districts

TODAY = date(2026, 12, 2)


@pytest.fixture
def db(db):
    """Each backend with the district the factories use."""
    with db.write() as uow:
        uow.districts.add_many([factories.district()], "setup")
        uow.commit()
    return db


def _katos(db) -> list[str]:
    with db.read() as store:
        return sorted(store.conn.execute(select(districts.c.kato)).scalars())


def _version(db) -> int:
    with db.read() as store:
        return store.data_version()


def _stages(layer) -> dict[int, str]:
    back = unpack(layer.blob, layer.meta)
    return {layer.id_at(i): STAGES[s] for i, s in enumerate(back["stage"])}


def test_a_save_reaches_the_map_through_a_delta_read_and_a_delete_drops_the_object(db):
    first = create_facility(db, SYSTEM, factories.facility()).stored.model.id
    second = create_facility(db, SYSTEM, factories.facility(external_id="T-2", name_kk="Емхана")).stored.model.id
    store = LiveStore(db, _katos(db))
    layer = store.layer(_version(db), TODAY)
    assert _stages(layer) == {first: "planned", second: "planned"}

    update_facility(db, SYSTEM, first, {"stage": Stage.DESIGN_ESTIMATE}, 1)
    layer = store.layer(_version(db), TODAY)
    assert _stages(layer) == {first: "design_estimate", second: "planned"}
    assert store.reads == ["full", "delta:1"]  # only the saved object was read again

    delete_facility(db, SYSTEM, second, 1, "duplicate")
    third = create_facility(db, SYSTEM, factories.facility(external_id="T-3")).stored.model.id
    layer = store.layer(_version(db), TODAY)
    assert _stages(layer) == {first: "design_estimate", third: "planned"}
    assert store.reads[-1].startswith("delta:") and store.reads.count("full") == 1


def test_the_passport_below_target_is_read_by_the_database_without_python_json(db):
    reached = {c: PassportEntry(current=PassportState.FULL, target=PassportState.FULL) for c in DisabilityCategory}
    create_facility(db, SYSTEM, factories.facility(passport=reached))
    create_facility(db, SYSTEM, factories.facility(external_id="T-2"))  # every category short of its target
    layer = LiveStore(db, _katos(db)).layer(_version(db), TODAY)
    flags = unpack(layer.blob, layer.meta)["flags"].tolist()
    short = sorted(bool(f & (2 << CATEGORIES.index("wheelchair"))) for f in flags)
    assert short == [False, True]


def test_an_unchanged_version_packs_nothing_again_and_memory_is_measured(db):
    create_facility(db, SYSTEM, factories.facility())
    store = LiveStore(db, _katos(db))
    version = _version(db)
    assert store.layer(version, TODAY) is store.layer(version, TODAY)
    assert store.reads == ["full"] and 0 < store.memory_bytes() < 100_000


def test_an_object_placed_at_its_settlement_reaches_the_map_as_an_approximate_location(db):
    exact = create_facility(db, SYSTEM, factories.facility()).stored.model.id
    placed = factories.facility(external_id="T-4", location_precision=LocationPrecision.SETTLEMENT)
    approximate = create_facility(db, SYSTEM, placed).stored.model.id
    layer = LiveStore(db, _katos(db)).layer(_version(db), TODAY)
    flags = unpack(layer.blob, layer.meta)["flags"]
    precision = {layer.id_at(i): PRECISIONS[(int(f) >> PRECISION_SHIFT) & 3] for i, f in enumerate(flags)}
    assert precision == {exact: "exact", approximate: "settlement"}


def test_an_object_missing_an_amount_adds_nothing_to_the_map_s_execution(db):
    from decimal import Decimal

    from tracker.domain import Budget

    both = factories.facility(budget=Budget(allocated=Decimal(1_000_000), spent=Decimal(400_000)))
    no_allocation = factories.facility(external_id="T-5", budget=Budget(spent=Decimal(450_000)))
    ids = [create_facility(db, SYSTEM, f).stored.model.id for f in (both, no_allocation)]
    layer = LiveStore(db, _katos(db)).layer(_version(db), TODAY)
    back = unpack(layer.blob, layer.meta)
    money = {layer.id_at(i): (float(a), float(s)) for i, (a, s) in enumerate(zip(back["alloc"], back["spent"]))}
    # mln ₸: the browser's spent ÷ allocated stays 0.4 of 1.0, not 0.85 of 1.0
    assert money[ids[1]] == (0.0, 0.0)
    assert money[ids[0]] == (pytest.approx(1.0, rel=1e-2), pytest.approx(0.4, rel=1e-2))
