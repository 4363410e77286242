"""The dashboards' read model on SQLite and PostgreSQL: stage dates read out of JSON in SQL,
and one object's record with its first passport rebuilt from history."""

from datetime import date
from decimal import Decimal

import pandas as pd

from tests import factories
from tracker.analytics.timeline import plan_vs_actual
from tracker.domain import Budget, PassportEntry
from tracker.domain.enums import DisabilityCategory, PassportState, Stage
from tracker.services.history_view import facility_record, progress_frame
from tracker.services.setup import initialise
from tracker.storage.queries import FacilityFilter

TALDYKORGAN, TEKELI = factories.TALDYKORGAN, factories.TEKELI


def _load(db) -> list[int]:
    initialise(db)
    done = factories.facility(
        external_id="T-1",
        stage=Stage.ACCEPTED,
        actual_completion=date(2021, 10, 1),
        stage_dates={
            Stage.PLANNED: date(2021, 2, 1),
            Stage.COMPLETED: date(2021, 10, 1),
            Stage.ACCEPTED: date(2021, 11, 5),
        },
        budget=Budget(planned=Decimal("1000.50"), allocated=Decimal("1000.50"), spent=Decimal("900.25")),
    )
    open_one = factories.facility(external_id="T-2", stage=Stage.IN_WORKS, program_years=[2022])
    elsewhere = factories.facility(external_id="K-1", district_kato=TEKELI, lat=44.86, lon=78.75)
    with db.write() as uow:
        keys = uow.facilities.add_many([done, open_one, elsewhere], "test")
        uow.commit()
    return keys


def test_progress_frame_reads_stage_dates_and_money_on_each_backend(db):
    keys = _load(db)
    with db.read() as store:
        frame = progress_frame(store.conn, FacilityFilter(district_katos=(TALDYKORGAN,))).set_index("id")
    assert sorted(frame.index) == sorted(keys[:2])
    first = frame.loc[keys[0]]
    assert (first["completed_on"], first["accepted_on"]) == (pd.Timestamp("2021-10-01"), pd.Timestamp("2021-11-05"))
    assert first["budget_spent"] == 900.25 and first["budget_planned"] == 1000.5
    assert pd.isna(frame.loc[keys[1], "completed_on"])
    table = plan_vs_actual(frame.reset_index(), date(2025, 1, 1))
    assert table["planned"].to_dict() == {2021: 1, 2022: 1}
    assert table["done_in_year"].to_dict() == {2021: 1, 2022: 0}


def test_the_record_keeps_the_first_passport_after_a_reassessment(db):
    keys = _load(db)
    with db.write() as uow:
        current = uow.facilities.require(keys[1])
        passport = dict(current.model.passport) | {
            DisabilityCategory.VISION: PassportEntry(
                current=PassportState.PARTIAL, target=PassportState.FULL, assessed_on=date(2022, 9, 1)
            )
        }
        uow.facilities.update(
            keys[1],
            current.model.model_copy(update={"passport": passport}),
            current.version,
            "inspector",
            comment="re-assessed",
        )
        uow.commit()
    with db.read() as store:
        record = facility_record(store, keys[1])
        assert facility_record(store, 999_999) is None
    assert record.version == 2 and record.district.name_en == "Taldykorgan"
    assert record.first_passport[DisabilityCategory.VISION].current == PassportState.NONE
    assert record.facility.passport[DisabilityCategory.VISION].current == PassportState.PARTIAL
    changed = {c.field: (c.old, c.new) for c in record.changes if c.version == 2}
    assert changed["passport.vision.current"] == ("VND", "DCH")
    assert all(c.actor == "inspector" and c.comment == "re-assessed" for c in record.changes if c.version == 2)
