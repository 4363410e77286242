"""Bad input to the domain is refused with a code that says what is wrong, in every language."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from tests import factories
from tracker.domain import Budget, PassportState, RuleViolation, Stage
from tracker.domain.enums import MAIN_LINE
from tracker.domain.geography import check_in_kazakhstan
from tracker.domain.stages import check_transition, needs_reason
from tracker.i18n.errors import messages, pydantic_problem


def _codes(error: ValidationError) -> list[str]:
    """The rule code of each problem (pydantic's own type when no rule names it)."""
    return [(pydantic_problem(item) or (item["type"],))[0] for item in error.errors(include_url=False)]


@pytest.mark.parametrize(
    "field, value, code",
    [
        ("budget", {"planned": "-1"}, "value.too_small"),
        ("budget", {"allocated": "inf"}, "value.number"),
        ("budget", {"allocated": "1e309"}, "value.too_large"),
        ("budget", {"allocated": "100", "spent": "150"}, "budget.overrun"),
        ("lat", 78.3, "coordinates.swapped"),
        ("lat", 39.0, "coordinates.outside"),
        ("district_kato", "33100", "string_pattern_mismatch"),
        ("program_years", [2019], "facility.years_range"),
        ("name_kk", None, "facility.no_name"),
        ("sector", "casino", "enum"),
    ],
)
def test_bad_facility_input_is_refused_with_the_rule_it_breaks(field, value, code):
    data = factories.facility().model_dump() | {field: value}
    if field == "lat" and value == 78.3:
        data["lon"] = 45.0
    if field == "lat" and value == 39.0:
        data["lon"] = 60.0
    if field == "name_kk":
        data["name_ru"] = None
    with pytest.raises(ValidationError) as refused:
        type(factories.facility()).model_validate(data)
    assert code in _codes(refused.value)
    for lang in ("kk", "ru", "en"):
        assert all(line and "Value error" not in line for line in messages(refused.value, lang))


def test_a_rule_reads_in_the_readers_language_with_its_values():
    data = factories.facility().model_dump() | {"budget": {"allocated": "100", "spent": "150.5"}}
    with pytest.raises(ValidationError) as refused:
        type(factories.facility()).model_validate(data)
    assert messages(refused.value, "ru") == [
        "Освоено (150,50\u00a0₸) больше, чем выделено (100\u00a0₸). Если это так, отметьте, что перерасход подтверждён."
    ]
    assert messages(refused.value, "en")[0].startswith("Spent (150.50\u00a0₸) exceeds allocated (100\u00a0₸).")
    assert str(refused.value.errors()[0]["ctx"]["error"]).startswith("Spent (150.5) exceeds allocated (100)")


def test_pydantic_checks_name_the_field_on_the_form():
    data = factories.facility().model_dump() | {"contractor": "x" * 301}
    with pytest.raises(ValidationError) as refused:
        type(factories.facility()).model_validate(data)
    assert messages(refused.value, "kk") == ["Мердігер: мәтін тым ұзын (ең көбі 300 таңба)"]


def test_flagged_overrun_is_allowed():
    budget = Budget(allocated=Decimal(100), spent=Decimal(150), overrun=True)
    assert budget.execution == 1.5


@pytest.mark.parametrize("lat, lon", [(43.24, 76.89), (51.17, 71.45), (40.6, 68.0), (55.4, 69.2)])
def test_points_in_kazakhstan_pass(lat, lon):
    check_in_kazakhstan(lat, lon)


@pytest.mark.parametrize(
    "old, new",
    [
        (Stage.PLANNED, Stage.DESIGN_ESTIMATE),
        (Stage.PROCUREMENT, Stage.IN_WORKS),
        (Stage.IN_WORKS, Stage.COMPLETED),
        (Stage.COMPLETED, Stage.ACCEPTED),
        (Stage.PLANNED, Stage.IN_WORKS),
        (Stage.POSTPONED, Stage.PROCUREMENT),
    ],
)
def test_forward_moves_need_no_reason(old, new):
    check_transition(old, new)
    assert not needs_reason(old, new)


@pytest.mark.parametrize(
    "old", [s for s in MAIN_LINE if s not in (Stage.COMPLETED, Stage.ACCEPTED)] + [Stage.POSTPONED]
)
def test_accepted_only_after_completed(old):
    with pytest.raises(RuleViolation) as refused:
        check_transition(old, Stage.ACCEPTED, reason="because")
    assert (refused.value.code, refused.value.params) == ("stage.accept_after_completed", {"stage": old})


@pytest.mark.parametrize(
    "old, new",
    [
        (Stage.IN_WORKS, Stage.PROCUREMENT),
        (Stage.ACCEPTED, Stage.IN_WORKS),
        (Stage.IN_WORKS, Stage.POSTPONED),
        (Stage.PLANNED, Stage.CANCELLED),
        (Stage.CANCELLED, Stage.PLANNED),
    ],
)
def test_backward_and_side_moves_need_a_reason(old, new):
    with pytest.raises(RuleViolation) as refused:
        check_transition(old, new, reason="  ")
    assert (refused.value.code, refused.value.params) == ("stage.needs_reason", {"old": old, "new": new})
    check_transition(old, new, reason="contractor left the site")


def test_accepted_object_cannot_be_cancelled_directly():
    with pytest.raises(RuleViolation) as refused:
        check_transition(Stage.ACCEPTED, Stage.CANCELLED, reason="x")
    assert refused.value.code == "stage.accepted_side"


@pytest.mark.parametrize(
    "text, state",
    [
        ("ДП", PassportState.FULL),
        ("дч", PassportState.PARTIAL),
        ("DU", PassportState.CONDITIONAL),
        ("ВНД", PassportState.NONE),
        (" full ", PassportState.FULL),
    ],
)
def test_passport_codes_are_read_in_either_alphabet(text, state):
    assert PassportState.from_code(text) == state


def test_unknown_passport_code_is_named():
    with pytest.raises(ValueError, match="'ДХ'"):
        PassportState.from_code("ДХ")


def test_passport_entry_knows_whether_target_is_met():
    from tracker.domain import PassportEntry

    assert PassportEntry(current=PassportState.FULL, target=PassportState.PARTIAL).meets_target
    assert not PassportEntry(current=PassportState.NONE, target=PassportState.PARTIAL).meets_target
    assert PassportEntry(current=None, target=PassportState.FULL).meets_target is None
