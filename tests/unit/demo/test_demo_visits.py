"""Demo monitoring visits: only on objects reported done, after completion, labelled, repeatable."""

from datetime import date

from tracker.demo.generator import DEMO_AS_OF, generate_demo
from tracker.demo.visits import DEMO_ORGANISATION, demo_visits
from tracker.domain.enums import PassportState, Stage
from tracker.geo.catalog import default_region

RANK = list(PassportState)


def _world():
    facilities = generate_demo(default_region()).facilities
    return {i: f for i, f in enumerate(facilities, start=1)}


def test_visits_are_on_done_objects_after_their_completion_and_labelled_demo():
    objects = _world()
    visits = demo_visits(list(objects.items()))
    done = [f for f in objects.values() if f.stage in (Stage.COMPLETED, Stage.ACCEPTED)]
    assert 0.05 * len(done) < len(visits) < 0.25 * len(done)
    for v in visits:
        f = objects[v.facility_id]
        assert f.stage in (Stage.COMPLETED, Stage.ACCEPTED)
        assert f.actual_completion < v.visited_on <= DEMO_AS_OF
        assert v.organisation == DEMO_ORGANISATION and "демо" in v.organisation
        assert len(v.findings) == 5


def test_some_visits_find_less_than_the_target_and_most_confirm_it():
    objects = _world()
    below = 0
    visits = demo_visits(list(objects.items()))
    for v in visits:
        passport = objects[v.facility_id].passport
        if any(
            passport.get(c) and passport[c].target and RANK.index(found) > RANK.index(passport[c].target)
            for c, found in v.findings.items()
        ):
            below += 1
    assert 0 < below < len(visits) / 2


def test_the_same_world_gives_the_same_visits():
    objects = list(_world().items())
    assert demo_visits(objects) == demo_visits(objects)
    assert demo_visits(objects, as_of=date(2021, 1, 1)) == []
