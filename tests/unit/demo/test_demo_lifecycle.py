"""Every demo object tells a consistent story as of the demo date: stages, dates, money, passport."""

from collections import Counter
from datetime import date

import pytest

from tracker.demo import DEMO_AS_OF, generate_demo
from tracker.domain import DisabilityCategory, Facility, Measure, PassportState, Stage
from tracker.domain.stages import check_transition, needs_reason

DONE = (Stage.COMPLETED, Stage.ACCEPTED)
BEFORE_WORKS = (Stage.PLANNED, Stage.DESIGN_ESTIMATE, Stage.PROCUREMENT)


def history(f: Facility) -> list[Stage]:
    return sorted(f.stage_dates, key=f.stage_dates.__getitem__)


def test_every_record_validates_again_from_its_dump(demo):
    for f in demo.facilities:
        assert Facility.model_validate(f.model_dump()) == f


def test_stage_dates_increase_and_stop_at_the_demo_date(demo):
    for f in demo.facilities:
        days = [f.stage_dates[s] for s in history(f)]
        assert days == sorted(set(days)), f.external_id
        assert all(day <= DEMO_AS_OF for day in days), f.external_id
        assert all(day >= date(f.first_year, 1, 1) for day in days), f.external_id


def test_the_history_starts_planned_and_ends_at_the_current_stage(demo):
    for f in demo.facilities:
        steps = history(f)
        assert steps[0] == Stage.PLANNED, f.external_id
        assert steps[-1] == f.stage, f.external_id


def test_every_move_along_the_history_is_allowed(demo):
    for f in demo.facilities:
        steps = history(f)
        for old, new in zip(steps, steps[1:]):
            reason = "demo: put aside for lack of funds" if needs_reason(old, new) else None
            check_transition(old, new, reason)


def test_completion_dates(demo):
    for f in demo.facilities:
        assert f.planned_completion.year == f.program_years[-1]
        assert f.planned_completion.month in (11, 12)
        if f.stage in DONE:
            assert f.actual_completion == f.stage_dates[Stage.COMPLETED] <= DEMO_AS_OF
        else:
            assert f.actual_completion is None


def test_old_objects_are_nearly_all_accepted(demo):
    for year in (2021, 2022):
        stages = Counter(f.stage for f in demo.facilities if f.program_years[-1] == year)
        total = sum(stages.values())
        assert stages[Stage.ACCEPTED] / total > 0.8
        assert 0 < stages[Stage.CANCELLED] / total < 0.05
        assert stages[Stage.POSTPONED] > 0 and stages[Stage.COMPLETED] > 0


def test_recent_objects_are_spread_over_the_stages(demo):
    last = Counter(f.stage for f in demo.facilities if f.program_years[-1] == 2025)
    assert {Stage.PLANNED, Stage.DESIGN_ESTIMATE, Stage.PROCUREMENT, Stage.IN_WORKS, Stage.COMPLETED} <= set(last)
    before = Counter(f.stage for f in demo.facilities if f.program_years[-1] == 2024)
    assert before[Stage.COMPLETED] + before[Stage.IN_WORKS] + before[Stage.ACCEPTED] > 0.7 * sum(before.values())


def test_some_objects_are_overdue(demo):
    overdue = [
        f for f in demo.facilities if f.planned_completion < DEMO_AS_OF and f.stage not in (*DONE, Stage.CANCELLED)
    ]
    assert 30 < len(overdue) < 300
    late_but_done = [f for f in demo.facilities if f.stage in DONE and f.actual_completion > f.planned_completion]
    assert late_but_done


def test_money_runs_planned_allocated_contracted_spent(demo):
    for f in demo.facilities:
        b = f.budget
        assert b.spent <= b.allocated or b.overrun, f.external_id
        if f.stage != Stage.CANCELLED:
            assert b.planned >= b.allocated >= b.contracted, f.external_id
        if f.stage == Stage.PLANNED:
            assert b.spent == 0
        if f.stage in BEFORE_WORKS:
            assert b.contracted == 0 and f.contractor is None
        if f.stage in DONE and not b.overrun:
            assert b.spent >= b.contracted * 80 / 100 > 0, f.external_id


def test_overruns_are_rare_and_flagged(demo):
    overruns = [f for f in demo.facilities if f.budget.spent > f.budget.allocated]
    assert overruns and all(f.budget.overrun for f in overruns)
    assert len(overruns) < 0.05 * len(demo.facilities)


def test_contractors_for_objects_past_procurement(demo):
    for f in demo.facilities:
        if f.stage in (Stage.IN_WORKS, *DONE):
            assert f.contractor and f.contractor.split(" ", 1)[0] in ("ТОО", "ЖШС"), f.external_id


def test_measures_done_are_planned_measures(demo):
    for f in demo.facilities:
        assert f.measures, f.external_id
        assert set(f.measures_done) <= set(f.measures)
        if f.stage in DONE:
            assert f.measures_done == f.measures
        if f.stage in BEFORE_WORKS or f.stage == Stage.CANCELLED:
            assert f.measures_done == []


@pytest.mark.parametrize("category", list(DisabilityCategory))
def test_passport_before_and_after_works(demo, category):
    for f in demo.facilities:
        entry = f.passport[category]
        assert entry.target in (PassportState.FULL, PassportState.PARTIAL, PassportState.CONDITIONAL)
        assert entry.assessed_on <= DEMO_AS_OF
        if f.stage in DONE:
            assert entry.current.rank - entry.target.rank in (0, 1)
            assert entry.assessed_on >= f.actual_completion
        else:
            assert entry.current in (PassportState.NONE, PassportState.CONDITIONAL)


def test_passport_targets_are_mostly_full_or_partial(demo):
    wheelchair = Counter(f.passport[DisabilityCategory.WHEELCHAIR].target for f in demo.facilities)
    assert wheelchair[PassportState.FULL] + wheelchair[PassportState.PARTIAL] > 0.9 * len(demo.facilities)
    not_for_all = [f for f in demo.facilities if any(e.target != PassportState.FULL for e in f.passport.values())]
    vision = Counter(f.passport[DisabilityCategory.VISION].target for f in not_for_all)
    assert vision[PassportState.PARTIAL] + vision[PassportState.CONDITIONAL] > vision[PassportState.FULL]


def test_completed_objects_mostly_meet_their_target(demo):
    done = [e for f in demo.facilities if f.stage in DONE for e in f.passport.values()]
    assert 0.8 < sum(e.meets_target for e in done) / len(done) < 1


def test_an_earlier_as_of_date_moves_the_world_back(region):
    early = generate_demo(region, as_of=date(2022, 3, 1))
    for f in early.facilities:
        assert all(day <= date(2022, 3, 1) for day in f.stage_dates.values())
        if f.first_year > 2022:
            assert f.stage == Stage.PLANNED and not f.stage_dates


def _full_for_all(f: Facility) -> bool:
    return all(e.current == PassportState.FULL for e in f.passport.values())


@pytest.mark.parametrize("seed", [2021, 5, 77])
def test_about_two_thirds_of_the_objects_done_are_fully_accessible_for_everyone(region, seed):
    facilities = generate_demo(region, seed=seed).facilities
    done = [f for f in facilities if f.stage in DONE]
    assert 0.55 < sum(map(_full_for_all, done)) / len(done) < 0.72
    assert not any(_full_for_all(f) for f in facilities if f.stage not in DONE)


def test_an_object_fully_accessible_for_everyone_has_the_measures_for_it(demo):
    full = [f for f in demo.facilities if _full_for_all(f)]
    assert full
    for f in full:
        assert Measure.RAMP in f.measures or Measure.LIFT in f.measures, f.external_id
        assert {Measure.TACTILE_PAVING, Measure.SIGNAGE_BRAILLE} <= set(f.measures), f.external_id
        assert Measure.INDUCTION_LOOP in f.measures or Measure.SOUND_LIGHT_SIGNALS in f.measures, f.external_id
