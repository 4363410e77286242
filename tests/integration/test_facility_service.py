"""Saving objects through the service: rules, permissions and history together.

On the in-memory copy (with the district catalogue): what is tested is the service, not storage.
"""

from datetime import date

import pytest
from pydantic import ValidationError

from tests import factories
from tests.support.codes import codes
from tracker.domain import ConflictError, PermissionDenied, RuleViolation, Stage
from tracker.services.actor import Actor, Role
from tracker.services.facilities import create_facility, delete_facility, update_facility
from tracker.services.permissions import Action

ADMIN = Actor("admin", Role.ADMIN)
EDITOR = Actor("Әсел", Role.DISTRICT_EDITOR, districts=frozenset({factories.TALDYKORGAN}))
OTHER_EDITOR = Actor("Борис", Role.DISTRICT_EDITOR, districts=frozenset({factories.TEKELI}))
MANAGER = Actor("manager", Role.MANAGER, oblasts=frozenset({"Zhetysu Region"}))


@pytest.fixture
def db(memory_db):
    return memory_db


def _history(db, fid):
    with db.read() as store:
        return store.facilities.history(fid)


def test_stage_move_is_dated_and_recorded(db, fid):
    saved = update_facility(db, EDITOR, fid, {"stage": Stage.DESIGN_ESTIMATE}, 1, today=date(2021, 4, 2))
    assert saved.stored.model.stage_dates[Stage.DESIGN_ESTIMATE] == date(2021, 4, 2)
    assert {e.field for e in _history(db, fid) if e.version == 2} >= {"stage", "stage_dates.design_estimate"}


def test_illegal_jump_is_refused_and_writes_nothing(db, fid):
    before = len(_history(db, fid))
    with pytest.raises(RuleViolation) as refused:
        update_facility(db, MANAGER, fid, {"stage": Stage.ACCEPTED}, 1)
    assert (refused.value.code, refused.value.params) == ("stage.accept_after_completed", {"stage": Stage.PLANNED})
    assert len(_history(db, fid)) == before
    with db.read() as store:
        assert store.facilities.require(fid).version == 1


def test_backward_move_needs_a_reason(db, fid):
    update_facility(db, EDITOR, fid, {"stage": Stage.IN_WORKS}, 1)
    with pytest.raises(RuleViolation) as refused:
        update_facility(db, EDITOR, fid, {"stage": Stage.PROCUREMENT}, 2)
    assert refused.value.code == "stage.needs_reason"
    saved = update_facility(db, EDITOR, fid, {"stage": Stage.PROCUREMENT}, 2, comment="tender annulled")
    assert saved.stored.version == 3
    assert _history(db, fid)[-1].comment == "tender annulled"


def test_editor_cannot_touch_another_district(db, fid):
    with pytest.raises(PermissionDenied) as refused:
        update_facility(db, OTHER_EDITOR, fid, {"contractor": "ТОО «Х»"}, 1)
    assert refused.value.code == "permission.out_of_scope"
    assert refused.value.params == {"action": Action.EDIT_FACILITY, "district": factories.TALDYKORGAN}


def test_editor_cannot_move_an_object_into_a_foreign_district(db, fid):
    with pytest.raises(PermissionDenied):
        update_facility(db, EDITOR, fid, {"district_kato": factories.TEKELI, "lat": 44.83, "lon": 78.82}, 1)


def test_editor_goes_up_to_completed_but_only_a_manager_accepts(db, fid):
    update_facility(db, EDITOR, fid, {"stage": Stage.COMPLETED, "actual_completion": date(2021, 11, 20)}, 1)
    with pytest.raises(PermissionDenied) as refused:
        update_facility(db, EDITOR, fid, {"stage": Stage.ACCEPTED}, 2)
    assert (refused.value.code, refused.value.params) == ("permission.denied", {"action": Action.ACCEPT})
    assert update_facility(db, MANAGER, fid, {"stage": Stage.ACCEPTED}, 2).stored.model.stage == Stage.ACCEPTED


def test_stale_form_is_refused(db, fid):
    update_facility(db, EDITOR, fid, {"contractor": "ТОО «Бірінші»"}, 1)
    with pytest.raises(ConflictError):
        update_facility(db, MANAGER, fid, {"contractor": "ТОО «Екінші»"}, 1)
    with db.read() as store:
        assert store.facilities.require(fid).model.contractor == "ТОО «Бірінші»"


def test_unknown_district_is_a_rule_violation(db, fid):
    with pytest.raises(RuleViolation) as refused:
        create_facility(db, ADMIN, factories.facility(external_id="X").model_dump() | {"district_kato": "999999999"})
    assert (refused.value.code, refused.value.params) == ("district.unknown", {"kato": "999999999"})


def test_bad_money_in_an_update_is_refused(db, fid):
    with pytest.raises(ValidationError) as refused:
        update_facility(db, EDITOR, fid, {"budget": {"allocated": 10, "spent": 20}}, 1)
    assert codes(refused.value) == ["budget.overrun"]


def test_deleting_needs_a_reason_and_a_manager(db, fid):
    with pytest.raises(RuleViolation) as refused:
        delete_facility(db, MANAGER, fid, 1, "  ")
    assert refused.value.code == "facility.delete_needs_reason"
    with pytest.raises(PermissionDenied):
        delete_facility(db, EDITOR, fid, 1, "entered twice")
    delete_facility(db, MANAGER, fid, 1, "entered twice")
    with db.read() as store:
        assert store.facilities.get(fid) is None


def test_completing_without_a_date_records_the_day_it_was_reported(db, fid):
    saved = update_facility(db, EDITOR, fid, {"stage": Stage.COMPLETED}, 1, today=date(2025, 10, 14))
    assert saved.stored.model.actual_completion == date(2025, 10, 14)
    assert saved.stored.model.stage_dates[Stage.COMPLETED] == date(2025, 10, 14)


def test_the_stage_list_offers_an_editor_only_her_moves(db):
    from tracker.services.rulebook import offered_stages

    offered = offered_stages(EDITOR, Stage.COMPLETED, factories.TALDYKORGAN, "Zhetysu Region")
    assert Stage.ACCEPTED not in offered and Stage.COMPLETED in offered and Stage.PLANNED in offered
    assert Stage.ACCEPTED in offered_stages(MANAGER, Stage.COMPLETED, factories.TALDYKORGAN, "Zhetysu Region")
    assert Stage.ACCEPTED not in offered_stages(MANAGER, Stage.IN_WORKS, factories.TALDYKORGAN, "Zhetysu Region")
