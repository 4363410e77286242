"""Near me lists only the objects of the person's scope: an editor's districts, a manager's oblasts."""

import pandas as pd

from tests import factories
from tracker.services.actor import Actor, Role
from tracker.services.nearby import nearest_in_scope

OBJECTS = pd.DataFrame(
    {
        "id": [1, 2, 3],
        "district_kato": [factories.TALDYKORGAN, factories.TEKELI, factories.TALDYKORGAN],
        "lat": [45.0160, 44.8600, 45.0300],
        "lon": [78.3740, 78.7600, 78.3740],
    }
)
OBLAST = {factories.TALDYKORGAN: "Zhetisu", factories.TEKELI: "Zhetisu"}
HERE = (44.86, 78.76)  # in Tekeli


def test_a_monitor_sees_every_object_nearest_first():
    found = nearest_in_scope(Actor("m", Role.MONITOR), OBJECTS, OBLAST, *HERE)
    assert [i for i, _ in found] == [2, 1, 3]


def test_a_district_editor_sees_only_their_districts():
    editor = Actor("e", Role.DISTRICT_EDITOR, districts=frozenset({factories.TALDYKORGAN}))
    assert [i for i, _ in nearest_in_scope(editor, OBJECTS, OBLAST, *HERE)] == [1, 3]


def test_a_manager_of_another_oblast_sees_none_and_an_empty_register_gives_nothing():
    manager = Actor("x", Role.MANAGER, oblasts=frozenset({"Abai"}))
    assert nearest_in_scope(manager, OBJECTS, OBLAST, *HERE) == []
    assert nearest_in_scope(Actor("m", Role.MONITOR), OBJECTS.iloc[0:0], OBLAST, *HERE) == []
