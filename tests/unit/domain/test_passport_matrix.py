"""The passport matrix → the object's state per category and its conclusion, and the reverse parser."""

import pytest

from tests.factories import facility
from tracker.domain.enums import DisabilityCategory as C
from tracker.domain.enums import PassportState as S
from tracker.domain.passport import (
    ConclusionError,
    Zone,
    ZoneAssessment,
    category_states,
    conclusion,
    object_class,
    parse_conclusion,
)

ALL = dict.fromkeys(C)


def zone(**states) -> ZoneAssessment:
    """``zone(wheelchair=("VND", "DP"))`` — current and target per category."""
    return ZoneAssessment(states={c: {"current": cur, "target": tgt} for c, (cur, tgt) in states.items()})


def test_a_school_with_steps_at_the_entrance_is_not_accessible_by_wheelchair_only():
    # Hand-checked: every zone is fine for everyone, but the entrance has steps and no ramp.
    fine = {c.value: ("DP", "DP") for c in C}
    matrix = {z: zone(**fine) for z in Zone}
    matrix[Zone.ENTRANCE] = zone(**(fine | {"wheelchair": ("VND", "DP"), "mobility": ("DCH", "DP")}))
    assert category_states(matrix) == {
        C.WHEELCHAIR: S.NONE,
        C.MOBILITY: S.PARTIAL,
        C.VISION: S.FULL,
        C.HEARING: S.FULL,
        C.INTELLECTUAL: S.FULL,
    }
    assert category_states(matrix, "target") == dict.fromkeys(C, S.FULL)
    assert conclusion(category_states(matrix)) == "ДП-И (С, Г, У), ДЧ-И (О), ВНД (К)"


def test_worst_zone_wins_and_unassessed_zones_do_not_count():
    matrix = {
        Zone.TERRITORY: zone(vision=("DP", None), hearing=("DCH", None)),
        Zone.SANITARY: zone(vision=("DU", None)),  # hearing not assessed in the sanitary rooms
        Zone.INFORMATION: zone(hearing=("DP", None)),
    }
    states = category_states(matrix)
    assert states[C.VISION] is S.CONDITIONAL  # ДП and ДУ → ДУ
    assert states[C.HEARING] is S.PARTIAL  # ДЧ and ДП → ДЧ
    assert states[C.WHEELCHAIR] is None  # no zone assessed for К
    assert conclusion(states) == "ДЧ-И (Г), ДУ-И (С)"


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        (dict.fromkeys(C, S.FULL), "ДП-В"),
        (dict.fromkeys(C, S.PARTIAL), "ДЧ-В"),
        (dict.fromkeys(C, S.NONE), "ВНД"),
        ({C.WHEELCHAIR: S.PARTIAL, C.MOBILITY: S.PARTIAL}, "ДЧ-И (К, О)"),
        ({C.VISION: S.CONDITIONAL, C.HEARING: S.CONDITIONAL}, "ДУ-И (С, Г)"),
        (
            {C.WHEELCHAIR: S.NONE, C.MOBILITY: S.FULL, C.VISION: S.CONDITIONAL, C.HEARING: S.FULL},
            "ДП-И (О, Г), ДУ-И (С), ВНД (К)",
        ),
        (ALL, None),
        ({}, None),
    ],
)
def test_conclusion_written_as_on_the_passport_form(states, expected):
    assert conclusion(states) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ДЧ-И (К, О)", {C.WHEELCHAIR: S.PARTIAL, C.MOBILITY: S.PARTIAL}),
        ("ДП-В", dict.fromkeys(C, S.FULL)),
        ("ВНД", dict.fromkeys(C, S.NONE)),
        ("  дч - и(к,о) ", {C.WHEELCHAIR: S.PARTIAL, C.MOBILITY: S.PARTIAL}),
        ('ДУ-И ("С", "Г")', {C.VISION: S.CONDITIONAL, C.HEARING: S.CONDITIONAL}),
        ("ДУ-И («С», «Г»)", {C.VISION: S.CONDITIONAL, C.HEARING: S.CONDITIONAL}),
        ("DCH-I (K, O)", {C.WHEELCHAIR: S.PARTIAL, C.MOBILITY: S.PARTIAL}),
        ("ДП-B", dict.fromkeys(C, S.FULL)),  # Latin B typed for Cyrillic В
        ("dp-v", dict.fromkeys(C, S.FULL)),
        ("ДЧ-И (K, O, C)", {C.WHEELCHAIR: S.PARTIAL, C.MOBILITY: S.PARTIAL, C.VISION: S.PARTIAL}),  # Latin letters
        (
            "ДП-И (О, Г), ДУ-И (С); ВНД (К)",
            {C.MOBILITY: S.FULL, C.HEARING: S.FULL, C.VISION: S.CONDITIONAL, C.WHEELCHAIR: S.NONE},
        ),
    ],
)
def test_parse_conclusion_reads_what_people_type(typed, expected):
    assert parse_conclusion(typed) == expected


@pytest.mark.parametrize("typed", ["", "доступно", "ДЧ-И", "ДЧ-И ()", "ДЧ-И (К, Х)", "ДП-И (К), ДЧ-И (К)", "ДП-Ж (К)"])
def test_parse_conclusion_refuses_what_is_not_a_conclusion(typed):
    with pytest.raises(ConclusionError):
        parse_conclusion(typed)


@pytest.mark.parametrize(
    "states",
    [
        dict.fromkeys(C, S.FULL),
        {C.WHEELCHAIR: S.NONE, C.MOBILITY: S.FULL, C.VISION: S.CONDITIONAL, C.HEARING: S.FULL},
        {C.INTELLECTUAL: S.PARTIAL},
    ],
)
def test_a_written_conclusion_reads_back_to_the_same_states(states):
    assert parse_conclusion(conclusion(states)) == states


def test_the_object_summary_is_computed_from_the_zones_and_keeps_the_assessment_date():
    f = facility(
        passport_zones={
            "entrance": {"states": {"wheelchair": {"current": "VND", "target": "DP"}}, "measures": ["ramp"]},
            "sanitary": {"states": {"wheelchair": {"current": "DCH", "target": "DCH"}}},
            "route": {},  # an empty zone is dropped
        }
    )
    assert list(f.passport_zones) == [Zone.ENTRANCE, Zone.SANITARY]
    wheel = f.passport[C.WHEELCHAIR]
    assert (wheel.current, wheel.target) == (S.NONE, S.PARTIAL)
    assert wheel.assessed_on is not None  # from the factory's summary
    assert f.passport[C.VISION].current is S.NONE  # no zone assessed for vision: the summary stands
    assert f.conclusion == "ВНД"


def test_without_zones_the_per_category_summary_stands_as_entered():
    f = facility()
    assert f.passport_zones == {}
    assert f.conclusion == "ВНД"


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        (["DP"] * 5, "full"),
        (["DP", "DP", "DP", "DP", None], "partly"),  # У not assessed: not ДП-В
        (["DCH", "DP", "DU", "DP", "DP"], "partly"),
        (["VND", "VND", None, None, None], "not_accessible"),
        ([None] * 5, "not_assessed"),
    ],
)
def test_an_object_is_adapted_only_when_fully_accessible_for_all_five(states, expected):
    assert object_class(states) == expected
