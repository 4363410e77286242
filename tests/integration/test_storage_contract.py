"""The storage contract: the same tests on SQLite and on a real PostgreSQL server."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from tests import factories
from tracker.domain import ConflictError, Measure, NotFound, PassportEntry, PassportState, Stage
from tracker.domain.enums import DisabilityCategory
from tracker.storage import history as hist
from tracker.storage.schema import current_revision, head_revision, upgrade
from tracker.storage.tables import history


@pytest.fixture
def seeded(db):
    with db.write() as uow:
        uow.districts.add_many(
            [
                factories.district(),
                factories.district(factories.TEKELI, name_kk="Текелі", name_ru="Текели", name_en="Tekeli"),
            ],
            "setup",
        )
        fid = uow.facilities.add(factories.facility(), "alice", "first entry")
        uow.commit()
    return fid


def history_count(db) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(history)).scalar_one()


def test_migrations_reach_head_and_rerun_is_harmless(db):
    upgrade(db.engine)
    assert current_revision(db.engine) == head_revision()


def test_facility_round_trips_exactly(db, seeded):
    with db.read() as store:
        stored = store.facilities.require(seeded)
    assert stored.version == 1
    assert stored.updated_by == "alice"
    assert stored.model == factories.facility().model_copy(update={"id": seeded})
    assert stored.model.budget.allocated == Decimal("1200000.50")


@pytest.mark.parametrize(
    "make, repo",
    [
        (factories.rehab, "rehab_centers"),
        (factories.invataxi, "invataxi"),
    ],
)
def test_other_records_round_trip(db, seeded, make, repo):
    with db.write() as uow:
        key = getattr(uow, repo).add(make(), "alice")
        uow.commit()
    with db.read() as store:
        assert getattr(store, repo).require(key).model == make().model_copy(update={"id": key})


def test_district_round_trips_with_sourced_figures(db, seeded):
    with db.read() as store:
        stored = store.districts.require(factories.TALDYKORGAN)
    assert stored.model == factories.district()
    assert stored.model.population.source == "Bureau of National Statistics"


def _moved(model, stage: Stage, when: date):
    return model.model_copy(update={"stage": stage, "stage_dates": {**model.stage_dates, stage: when}})


def test_update_bumps_version_and_writes_history_with_author_and_comment(db, seeded):
    with db.write() as uow:
        current = uow.facilities.require(seeded)
        saved = uow.facilities.update(
            seeded,
            _moved(current.model, Stage.DESIGN_ESTIMATE, date(2021, 3, 1)),
            current.version,
            "bob",
            "design contract signed",
        )
        uow.commit()
    assert saved.version == 2
    with db.read() as store:
        entries = store.facilities.history(seeded)
    changed = {e.field: (e.old, e.new) for e in entries if e.version == 2}
    assert changed == {
        "stage": ("planned", "design_estimate"),
        "stage_dates": ({}, hist.ABSENT),
        "stage_dates.design_estimate": (hist.ABSENT, "2021-03-01"),
    }
    assert {(e.actor, e.comment) for e in entries if e.version == 2} == {("bob", "design contract signed")}
    assert entries[0].field == hist.CREATED and entries[0].actor == "alice"


def test_saving_an_unchanged_record_writes_nothing(db, seeded):
    before = history_count(db)
    with db.write() as uow:
        current = uow.facilities.require(seeded)
        assert uow.facilities.update(seeded, current.model, 1, "bob").version == 1
        uow.commit()
    assert history_count(db) == before


def test_stale_version_is_refused_and_first_save_survives(db, seeded):
    # Two editors open version 1; the first saves, the second must not overwrite it.
    with db.read() as store:
        opened_by_a = store.facilities.require(seeded)
        opened_by_b = store.facilities.require(seeded)
    with db.write() as uow:
        uow.facilities.update(
            seeded, opened_by_a.model.model_copy(update={"contractor": "ТОО «А»"}), opened_by_a.version, "a"
        )
        uow.commit()
    before = history_count(db)
    with db.write() as uow, pytest.raises(ConflictError) as refused:
        uow.facilities.update(
            seeded, opened_by_b.model.model_copy(update={"contractor": "ТОО «Б»"}), opened_by_b.version, "b"
        )
    assert refused.value.current_version == 2
    assert refused.value.current["contractor"] == "ТОО «А»"
    assert refused.value.code == "record.changed"
    with db.read() as store:
        assert store.facilities.require(seeded).model.contractor == "ТОО «А»"
    assert history_count(db) == before


def test_guarded_update_refuses_when_the_row_moved_after_it_was_read(db, seeded):
    # The race the version check exists for: the row changes between our read and our write.
    with db.write() as uow:
        current = uow.facilities.require(seeded)
        with pytest.raises(ConflictError):
            uow.facilities._guarded_update(seeded, current.version - 1, {"contractor": "x"})


def test_soft_delete_hides_the_record_but_keeps_it(db, seeded):
    with db.write() as uow:
        uow.facilities.soft_delete(seeded, 1, "carol", "entered twice")
        uow.commit()
    with db.read() as store:
        assert store.facilities.get(seeded) is None
        assert store.facilities.all() == []
        kept = store.facilities.get(seeded, include_deleted=True)
        assert kept.deleted and kept.version == 2
        assert store.facilities.history(seeded)[-1].field == hist.DELETED
        assert store.facilities.replay(seeded)[1] is True
    with db.write() as uow, pytest.raises(NotFound):
        uow.facilities.update(seeded, kept.model, 2, "carol")
    with db.write() as uow:
        uow.facilities.restore(seeded, "carol", "not a duplicate after all")
        uow.commit()
    with db.read() as store:
        assert store.facilities.require(seeded).version == 3


def test_history_replay_reproduces_the_record(db, seeded):
    steps = [
        dict(stage=Stage.DESIGN_ESTIMATE, stage_dates={Stage.DESIGN_ESTIMATE: date(2021, 3, 1)}),
        dict(contractor="ЖШС «Құрылыс»", address=None),
        dict(
            passport={
                DisabilityCategory.WHEELCHAIR: PassportEntry(current=PassportState.PARTIAL, target=PassportState.FULL)
            }
        ),
        dict(measures_done=[Measure.RAMP], name_ru=None),
    ]
    for update in steps:
        with db.write() as uow:
            current = uow.facilities.require(seeded)
            uow.facilities.update(seeded, current.model.model_copy(update=update), current.version, "dana")
            uow.commit()
    with db.read() as store:
        current = store.facilities.require(seeded)
        replayed, deleted = store.facilities.replay(seeded)
    assert current.version == 1 + len(steps)
    assert replayed == current.model
    assert not deleted


def test_failed_unit_of_work_leaves_nothing_behind(db, seeded):
    before = history_count(db)
    with pytest.raises(RuntimeError), db.write() as uow:
        uow.facilities.add(factories.facility(external_id="T-2"), "eve")
        raise RuntimeError("crash in the middle of an import")
    with db.read() as store:
        assert store.facilities.count() == 1
    assert history_count(db) == before


def test_duplicate_external_id_is_refused_whole(db, seeded):
    with pytest.raises(IntegrityError), db.write() as uow:
        uow.facilities.add_many([factories.facility(external_id="T-9"), factories.facility()], "eve")
        uow.commit()
    with db.read() as store:
        assert store.facilities.count() == 1


def test_unknown_district_is_refused_by_the_database(db, seeded):
    with pytest.raises(IntegrityError), db.write() as uow:
        uow.facilities.add(factories.facility(external_id="T-3", district_kato="999999999"), "eve")
        uow.commit()


@pytest.mark.parametrize("statement", ["UPDATE history SET actor = 'mallory'", "DELETE FROM history"])
def test_history_cannot_be_edited(db, seeded, statement):
    with db.engine.connect() as conn, pytest.raises((IntegrityError, DBAPIError)) as refused:
        conn.execute(text(statement))
    assert "append-only" in str(refused.value)


def test_data_version_moves_only_when_something_was_written(db, seeded):
    with db.read() as store:
        start = store.data_version()
    with db.write() as uow:
        uow.facilities.require(seeded)
        uow.commit()
    with db.read() as store:
        assert store.data_version() == start
    with db.write() as uow:
        uow.facilities.add(factories.facility(external_id="T-4"), "eve")
        uow.commit()
    with db.read() as store:
        assert store.data_version() == start + 1


def test_money_is_exact_to_the_tiyn(db, seeded):
    amounts = [Decimal("141400000.00"), Decimal("0.01"), Decimal("99999999999.99")]
    with db.write() as uow:
        keys = uow.facilities.add_many(
            [
                factories.facility(external_id=f"M-{i}", budget={"planned": a, "allocated": a, "spent": a})
                for i, a in enumerate(amounts)
            ],
            "eve",
        )
        uow.commit()
    with db.read() as store:
        assert [store.facilities.require(k).model.budget.spent for k in keys] == amounts


@pytest.mark.postgis
def test_postgis_points_follow_the_coordinates(db, seeded):
    if db.dialect != "postgresql":
        assert "geom" not in {c["name"] for c in inspect(db.engine).get_columns("facilities")}
        return
    # With PostGIS (.ci/run installs it) the generated point column must be there.
    with db.engine.connect() as conn:
        x, y = conn.execute(text("SELECT ST_X(geom), ST_Y(geom) FROM facilities WHERE id = :i"), {"i": seeded}).one()
    assert (round(y, 5), round(x, 5)) == (45.01, 78.37)
