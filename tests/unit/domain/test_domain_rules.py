"""Bad input to the domain is refused with a message that says what is wrong."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from tests import factories
from tracker.domain import Budget, PassportState, RuleViolation, Stage
from tracker.domain.enums import MAIN_LINE
from tracker.domain.geography import check_in_kazakhstan
from tracker.domain.stages import check_transition, needs_reason
from tracker.services.facilities import validation_messages


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("budget", {"planned": "-1"}, "greater than or equal to 0"),
        ("budget", {"allocated": "inf"}, "finite number"),
        ("budget", {"allocated": "1e309"}, "no more than 17 digits"),
        ("budget", {"allocated": "100", "spent": "150"}, "exceeds allocated"),
        ("lat", 78.3, "look swapped"),
        ("lat", 39.0, "outside Kazakhstan"),
        ("district_kato", "33100", "should match pattern"),
        ("program_years", [2019], "programme years must be within 2021–2029"),
        ("name_kk", None, "needs a name in Kazakh or Russian"),
        ("sector", "casino", "Input should be"),
    ],
)
def test_bad_facility_input_is_refused_with_a_clear_message(field, value, message):
    data = factories.facility().model_dump() | {field: value}
    if field == "lat" and value == 78.3:
        data["lon"] = 45.0
    if field == "lat" and value == 39.0:
        data["lon"] = 60.0
    if field == "name_kk":
        data["name_ru"] = None
    with pytest.raises(ValidationError) as refused:
        type(factories.facility()).model_validate(data)
    assert any(message in line for line in validation_messages(refused.value)), validation_messages(refused.value)


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
    with pytest.raises(RuleViolation, match="accepted only after it is completed"):
        check_transition(old, Stage.ACCEPTED, reason="because")


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
    with pytest.raises(RuleViolation, match="needs a reason"):
        check_transition(old, new, reason="  ")
    check_transition(old, new, reason="contractor left the site")


def test_accepted_object_cannot_be_cancelled_directly():
    with pytest.raises(RuleViolation, match="reopen it first"):
        check_transition(Stage.ACCEPTED, Stage.CANCELLED, reason="x")


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
