"""The register as it stood on a past day, rebuilt from the history, set-based."""

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from tests import factories
from tracker.domain.enums import Stage
from tracker.services import exports
from tracker.services.actor import SYSTEM
from tracker.services.as_of import cutoff, facilities_frame_as_of, models_as_of
from tracker.services.facilities import update_facility
from tracker.services.setup import initialise
from tracker.storage import history
from tracker.storage.mapping import FACILITY
from tracker.storage.queries import facilities_frame


class Clock:
    def __init__(self):
        self.now = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(history, "now", clock)
    return clock


@pytest.fixture
def story(db, clock):
    """1 March: two objects; 3 March: one moves to works, money spent; 5 March: the other deleted."""
    initialise(db)
    clock.now = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    with db.write() as uow:
        a, b = uow.facilities.add_many(
            [factories.facility(external_id="A"), factories.facility(external_id="B", passport={})], "clerk"
        )
        uow.commit()
    clock.now = datetime(2024, 3, 3, 10, 0, tzinfo=UTC)
    update_facility(
        db,
        SYSTEM,
        a,
        {"stage": Stage.IN_WORKS, "budget": {"allocated": "1200000.50", "spent": "1000000"}},
        1,
        comment="works began",
        today=date(2024, 3, 3),
    )
    clock.now = datetime(2024, 3, 3, 10, 30, tzinfo=UTC)
    with db.write() as uow:
        current = uow.facilities.require(b)
        uow.facilities.update(
            b, current.model.model_copy(update={"passport": factories.facility().passport}), current.version, "clerk"
        )
        uow.commit()
    clock.now = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    with db.write() as uow:
        uow.facilities.soft_delete(b, 2, "clerk", "duplicate")
        uow.commit()
    return a, b


def test_each_day_shows_the_state_of_that_day(db, story):
    _a, _b = story
    assert facilities_frame_as_of(db, date(2024, 2, 29)).empty
    day1 = facilities_frame_as_of(db, date(2024, 3, 1)).set_index("external_id")
    assert list(day1.index) == ["A", "B"] and day1.loc["A", "stage"] == "planned"
    assert day1.loc["A", "budget_allocated"] == 1200000.50 and day1.loc["B", "passport"] == {}
    day3 = facilities_frame_as_of(db, date(2024, 3, 3)).set_index("external_id")
    assert day3.loc["A", "stage"] == "in_works" and day3.loc["A", "budget_spent"] == 1_000_000
    assert day3.loc["A", "version"] == 2 and day3.loc["B", "passport"]["wheelchair"]["current"] == "VND"
    day5 = facilities_frame_as_of(db, date(2024, 3, 5))
    assert list(day5["external_id"]) == ["A"]


def test_today_matches_the_live_frame_column_for_column(db, story):
    with db.read() as store:
        live = facilities_frame(store.conn).sort_values("id").reset_index(drop=True)
    rebuilt = facilities_frame_as_of(db, date(2030, 1, 1)).sort_values("id").reset_index(drop=True)
    assert list(rebuilt.columns) == list(live.columns)
    pd.testing.assert_frame_equal(rebuilt, live, check_dtype=False)


def test_models_as_of_agree_with_the_repository_replay(db, story):
    a, _ = story
    with db.read() as store:
        replayed, _ = store.facilities.replay(a)
    (model,) = models_as_of(db, FACILITY, date(2024, 3, 6))
    assert model == replayed


def test_the_day_ends_in_kazakhstan_time():
    assert cutoff(date(2024, 3, 3)) == datetime(2024, 3, 3, 19, 0, tzinfo=UTC)


def test_exports_as_of_a_past_day(db, story):
    scope = exports.Scope(as_of=date(2024, 3, 1))
    past = exports.export_table(db, "objects", "csv", "en", scope).data.decode("utf-8-sig")
    now = exports.export_table(db, "objects", "csv", "en").data.decode("utf-8-sig")
    assert past.count("\n") == 3 and now.count("\n") == 2
    assert ',"planned",' in past and ',"in_works",' in now
    districts = exports.summary_frame(db, scope).set_index("district_kato")
    assert districts.loc[factories.TALDYKORGAN, "objects"] == 2
