"""Answers of a site audit → zone × category states, the conclusion and the reasons."""

import pytest

from tracker.domain.checklist import clean_answers, evaluate, load
from tracker.domain.enums import DisabilityCategory as C
from tracker.domain.enums import PassportState as S
from tracker.domain.errors import RuleViolation
from tracker.domain.passport import Zone
from tracker.i18n.audit import limits_table, reason_text

K, O, V, H, U = C.WHEELCHAIR, C.MOBILITY, C.VISION, C.HEARING, C.INTELLECTUAL  # noqa: E741  (the passport letters)


def verdict(answers: dict):
    checklist = load()
    return evaluate(checklist, clean_answers(checklist, answers))


def zone_state(answers: dict, zone: Zone, category: C):
    states = verdict(answers).matrix.get(zone)
    return states.states[category].current if states and category in states.states else None


# --- each rule on its boundary: just under, at, just over (at a limit meets it) --------------------------------
@pytest.mark.parametrize(
    ("zone", "answers", "category", "expected"),
    [
        # maxima: under and at meet the limit, over fails
        (Zone.ENTRANCE, {"threshold_height": 1.3}, K, S.FULL),
        (Zone.ENTRANCE, {"threshold_height": 1.4}, K, S.FULL),
        (Zone.ENTRANCE, {"threshold_height": 1.5}, K, S.CONDITIONAL),
        (Zone.ENTRANCE, {"threshold_height": 5.0}, K, S.CONDITIONAL),
        (Zone.ENTRANCE, {"threshold_height": 5.1}, K, S.NONE),
        (Zone.ENTRANCE, {"threshold_height": 5.1}, O, S.PARTIAL),
        (Zone.ENTRANCE, {"ramp_slope": 4.9}, K, S.FULL),
        (Zone.ENTRANCE, {"ramp_slope": 5.0}, K, S.FULL),
        (Zone.ENTRANCE, {"ramp_slope": 5.1}, K, S.CONDITIONAL),
        (Zone.ENTRANCE, {"ramp_slope": 5.1}, O, S.PARTIAL),
        (Zone.ENTRANCE, {"ramp_slope": 12.1}, K, S.NONE),
        # the relaxed 8 % limit holds only when the rise is at most 0.8 m
        (Zone.ENTRANCE, {"ramp_slope": 8.0, "ramp_rise": 0.8}, K, S.FULL),
        (Zone.ENTRANCE, {"ramp_slope": 8.1, "ramp_rise": 0.8}, K, S.CONDITIONAL),
        (Zone.ENTRANCE, {"ramp_slope": 8.0, "ramp_rise": 0.81}, K, S.CONDITIONAL),
        # slope computed from rise and run (rise 0.9 m > 0.8 m, so 5 %): over 18 m is 5 %, over 17.9 m 5.03 %
        (Zone.ENTRANCE, {"ramp_rise": 0.9, "ramp_run": 18}, K, S.FULL),
        (Zone.ENTRANCE, {"ramp_rise": 0.9, "ramp_run": 17.9}, K, S.CONDITIONAL),
        (Zone.SERVICE, {"counter_height": 0.85}, K, S.FULL),
        (Zone.SERVICE, {"counter_height": 0.86}, K, S.PARTIAL),
        (Zone.TERRITORY, {"parking_distance": 50}, O, S.FULL),
        (Zone.TERRITORY, {"parking_distance": 51}, O, S.PARTIAL),
        # minima: over and at meet, under fails
        (Zone.ENTRANCE, {"door_width": 0.91}, K, S.FULL),
        (Zone.ENTRANCE, {"door_width": 0.9}, K, S.FULL),
        (Zone.ENTRANCE, {"door_width": 0.89}, K, S.PARTIAL),
        (Zone.ENTRANCE, {"door_width": 0.8}, K, S.PARTIAL),
        (Zone.ENTRANCE, {"door_width": 0.79}, K, S.NONE),
        (Zone.PATHS, {"corridor_width": 1.5}, K, S.FULL),
        (Zone.PATHS, {"corridor_width": 1.49}, K, S.PARTIAL),
        (Zone.PATHS, {"corridor_width": 0.89}, K, S.NONE),
        (Zone.PATHS, {"turning_space": 1.5}, K, S.FULL),
        (Zone.PATHS, {"turning_space": 1.4}, K, S.PARTIAL),
        (Zone.SANITARY, {"cubicle_width": 1.65}, K, S.FULL),
        (Zone.SANITARY, {"cubicle_width": 1.64}, K, S.PARTIAL),
        (Zone.TERRITORY, {"parking_width": 3.6}, K, S.FULL),
        (Zone.TERRITORY, {"parking_width": 3.5}, K, S.PARTIAL),
        # a range: both ends meet it
        (Zone.INFORMATION, {"signage_height": 1.19}, V, S.PARTIAL),
        (Zone.INFORMATION, {"signage_height": 1.2}, V, S.FULL),
        (Zone.INFORMATION, {"signage_height": 1.6}, V, S.FULL),
        (Zone.INFORMATION, {"signage_height": 1.61}, V, S.PARTIAL),
        # yes / no
        (Zone.SERVICE, {"induction_loop": "yes"}, H, S.FULL),
        (Zone.SERVICE, {"induction_loop": "no"}, H, S.PARTIAL),
        (Zone.SANITARY, {"accessible_toilet": "no"}, K, S.NONE),
    ],
)
def test_each_rule_on_its_boundary(zone, answers, category, expected):
    assert zone_state({zone.value: answers}, zone, category) is expected


def test_not_applicable_and_empty_assess_nothing():
    v = verdict({"entrance": {"threshold_height": "na", "door_width": None, "call_button": "na"}})
    assert v.matrix == {} and v.conclusion is None and v.reasons == []


def test_a_ramp_rise_alone_assesses_nothing():
    assert verdict({"entrance": {"ramp_rise": 0.5}}).matrix == {}


@pytest.mark.parametrize(
    "answers",
    [
        {"entrance": {"door_width": "wide"}},
        {"entrance": {"call_button": 1}},
        {"entrance": {"door_width": -1}},
        {"entrance": {"lift": 1}},
        {"roof": {"x": 1}},
        {"entrance": {"door_width": float("nan")}},
    ],
)
def test_impossible_answers_are_refused(answers):
    with pytest.raises(RuleViolation):
        verdict(answers)


# --- one complete worked example per zone, checked by hand --------------------------------
WORKED = {
    # 3.2 m wide space 30 m away, tactile paving: К ДЧ (width < 3.6), О ДП, С ДП
    Zone.TERRITORY: (
        {"parking_reserved": "yes", "parking_width": 3.2, "parking_distance": 30, "tactile_paving": "yes"},
        {K: S.PARTIAL, O: S.FULL, V: S.FULL},
    ),
    # rise 0.6 m over 9 m = 6.67 % ≤ 8 %: ok; threshold 3 cm: К ДУ, О ДЧ; door 0.95 ok; no contrast: С ДЧ
    Zone.ENTRANCE: (
        {
            "ramp_rise": 0.6,
            "ramp_run": 9,
            "landing_length": 1.5,
            "handrails": "yes",
            "door_width": 0.95,
            "door_space": 1.6,
            "threshold_height": 3,
            "call_button": "yes",
            "contrast_marking": "no",
            "tactile_indicators": "yes",
        },
        {K: S.CONDITIONAL, O: S.PARTIAL, V: S.PARTIAL},
    ),
    # corridor 1.6, doors 0.9, turning 1.5, lift 1.1 × 1.4, evacuation yes, contrast yes: all ДП
    Zone.PATHS: (
        {
            "corridor_width": 1.6,
            "inner_door_width": 0.9,
            "turning_space": 1.5,
            "lift_width": 1.1,
            "lift_depth": 1.4,
            "evacuation": "yes",
            "contrast_marking": "yes",
        },
        {K: S.FULL, O: S.FULL, V: S.FULL},
    ),
    # counter 1.1 m: К ДЧ; no loop: Г ДЧ; staff ready: У, С ДП
    Zone.SERVICE: (
        {"counter_height": 1.1, "induction_loop": "no", "assistance": "yes"},
        {K: S.PARTIAL, H: S.PARTIAL, U: S.FULL, V: S.FULL},
    ),
    # toilet 1.5 × 1.8: К ДЧ (width); grab bars missing: К, О ДЧ; door n/a
    Zone.SANITARY: (
        {
            "accessible_toilet": "yes",
            "cubicle_width": 1.5,
            "cubicle_depth": 1.8,
            "grab_bars": "no",
            "sanitary_door_width": "na",
        },
        {K: S.PARTIAL, O: S.PARTIAL},
    ),
    # signs at 1.4 m, no Braille: С ДЧ; signals yes; displays yes: Г ДП; pictograms yes: У ДП
    Zone.INFORMATION: (
        {
            "signage_height": 1.4,
            "braille": "no",
            "sound_light_signals": "yes",
            "visual_information": "yes",
            "pictograms": "yes",
        },
        {V: S.PARTIAL, H: S.FULL, U: S.FULL},
    ),
    # stop 250 m away, no kerb ramps: К ДУ; tactile yes, crossing signal no: С ДЧ; О ДП
    Zone.ROUTE: (
        {"stop_distance": 250, "kerb_ramps": "no", "route_tactile": "yes", "crossing_signals": "no"},
        {K: S.CONDITIONAL, O: S.FULL, V: S.PARTIAL},
    ),
}


@pytest.mark.parametrize("zone", list(WORKED))
def test_worked_example_per_zone(zone):
    answers, expected = WORKED[zone]
    v = verdict({zone.value: answers})
    assert {c: s.current for c, s in v.matrix[zone].states.items()} == expected


def test_the_whole_building_gives_the_worst_zone_per_category_and_its_conclusion():
    v = verdict({z.value: a for z, (a, _) in WORKED.items()})
    assert v.states == {K: S.CONDITIONAL, O: S.PARTIAL, V: S.PARTIAL, H: S.PARTIAL, U: S.FULL}
    assert v.conclusion == "ДП-И (У), ДЧ-И (О, С, Г), ДУ-И (К)"
    assert v.checklist_version == "2026.1"


def test_mixed_results_with_a_not_accessible_category():
    v = verdict({"entrance": {"door_width": 0.7, "tactile_indicators": "yes"}, "service": {"induction_loop": "no"}})
    assert v.conclusion == "ДП-И (С), ДЧ-И (Г), ВНД (К)"
    assert v.zone_findings == {Zone.ENTRANCE: {K: S.NONE, V: S.FULL}, Zone.SERVICE: {H: S.PARTIAL}}


def test_all_accessible_is_dp_v():
    answers = {
        "entrance": {"door_width": 1.0, "tactile_indicators": "yes", "handrails": "yes"},
        "service": {"induction_loop": "yes", "assistance": "yes"},
    }
    assert verdict(answers).conclusion == "ДП-В"


def test_reasons_name_the_zone_category_measure_limit_and_clause_in_each_language():
    v = verdict({"entrance": {"threshold_height": 5.4, "door_width": 0.85}})
    checklist = load()
    lines = {lang: [reason_text(checklist, r, lang) for r in v.reasons] for lang in ("kk", "ru", "en")}
    assert lines["en"][0] == (
        "Entrance, К: Threshold height 5.4\u00a0cm, 4\u00a0cm above the limit of 1.4\u00a0cm "
        "(СП РК 3.06-101-2012, clause to confirm) → ВНД"
    )
    assert "Ширина входной двери в свету 0,85\u00a0м, на 0,05\u00a0м меньше минимума 0,9\u00a0м" in lines["ru"][1]
    assert "п. 4.3.2.14" in lines["ru"][1]
    assert lines["kk"][0].startswith("Кіреберіс, К: Табалдырықтың биіктігі 5,4\u00a0см")
    assert len(lines["kk"]) == 3  # К twice (threshold, door), О once (threshold)


def test_the_limits_table_lists_every_limit_with_its_clause_or_to_confirm():
    rows, note = limits_table(load(), "ru")
    slope = next(r for r in rows if r["question"] == "Уклон пандуса")
    assert slope["limit"] == "≤ 5\u00a0% (≤ 8\u00a0% при высоте подъёма ≤ 0,8\u00a0м)"
    assert slope["norm"] == "СП РК 3.06-101-2012, п. 4.3.2.30"
    assert all("п. " in r["norm"] or "уточняется" in r["norm"] for r in rows)
    assert "правило оценки трекера" in note
