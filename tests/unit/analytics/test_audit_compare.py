"""Two audits of one school side by side: what changed, which reasons went, which came, what was done between."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

from tracker.analytics.audit_compare import MeasureDone, compare_audits, measures_from_changes
from tracker.domain.checklist import clean_answers, evaluate, load
from tracker.domain.enums import DisabilityCategory, Measure, PassportState
from tracker.domain.passport import Zone

CHECKLIST = load()
# Autumn: a 0.7 m door and no call button. Spring, after the works: a 0.95 m door; the toilet now checked, too narrow.
AUTUMN = {"entrance": {"door_width": 0.7, "call_button": "no"}}
SPRING = {"entrance": {"door_width": 0.95, "call_button": "no"}, "sanitary": {"cubicle_width": 1.2}}


def _verdict(answers):
    return evaluate(CHECKLIST, clean_answers(CHECKLIST, answers))


def _row(comparison, zone, category):
    return next(r for r in comparison.rows if r.zone == zone and r.category == category)


def test_the_door_widened_is_a_fixed_reason_and_the_toilet_a_new_one():
    comparison = compare_audits(_verdict(AUTUMN), _verdict(SPRING))
    entrance = _row(comparison, Zone.ENTRANCE, DisabilityCategory.WHEELCHAIR)
    assert entrance.then is PassportState.NONE and entrance.now is not PassportState.NONE
    assert entrance.trend == "better"
    assert [(r.zone, r.question) for r in comparison.fixed] == [(Zone.ENTRANCE, "door_width")] * len(comparison.fixed)
    assert comparison.fixed
    assert {r.question for r in comparison.appeared} == {"cubicle_width"}
    assert _row(comparison, Zone.SANITARY, DisabilityCategory.WHEELCHAIR).trend == "new"
    # the call button is missing in both: neither fixed nor new
    assert all(r.question != "call_button" for r in comparison.fixed + comparison.appeared)


def test_the_same_audit_twice_changes_nothing():
    comparison = compare_audits(_verdict(AUTUMN), _verdict(AUTUMN))
    assert comparison.fixed == [] and comparison.appeared == []
    assert {r.trend for r in comparison.rows} == {"same"}


def test_only_the_measures_done_between_the_two_audits_are_listed():
    changes = [
        SimpleNamespace(
            field="passport_zones.entrance.measures_done", old=[], new=["ramp"], at=datetime(2024, 9, 1, 6, tzinfo=UTC)
        ),
        SimpleNamespace(
            field="passport_zones.entrance.measures_done",
            old=["ramp"],
            new=["ramp", "doorways"],
            at=datetime(2025, 2, 10, 6, tzinfo=UTC),
        ),
        SimpleNamespace(
            field="passport_zones.entrance.measures", old=[], new=["handrails"], at=datetime(2025, 2, 11, 6, tzinfo=UTC)
        ),
        SimpleNamespace(field="contractor", old=None, new="ТОО", at=datetime(2025, 2, 12, 6, tzinfo=UTC)),
    ]
    done = measures_from_changes(changes)
    assert [(m.on, m.measure) for m in done] == [
        (date(2024, 9, 1), Measure.RAMP),
        (date(2025, 2, 10), Measure.DOORWAYS),
    ]
    comparison = compare_audits(_verdict(AUTUMN), _verdict(SPRING), done, date(2024, 10, 15), date(2025, 4, 20))
    assert comparison.measures == [MeasureDone(date(2025, 2, 10), Zone.ENTRANCE, Measure.DOORWAYS)]
