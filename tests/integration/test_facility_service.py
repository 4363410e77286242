"""Saving objects through the service: rules, permissions and history together."""

from datetime import date

import pytest
from pydantic import ValidationError

from tests import factories
from tracker.domain import ConflictError, PermissionDenied, RuleViolation, Stage
from tracker.services.actor import Actor, Role
from tracker.services.facilities import create_facility, update_facility
from tracker.storage.unit_of_work import UnitOfWork, reading

ADMIN = Actor("admin", Role.ADMIN)
EDITOR = Actor("Әсел", Role.DISTRICT_EDITOR, districts=frozenset({factories.TALDYKORGAN}))
OTHER_EDITOR = Actor("Борис", Role.DISTRICT_EDITOR, districts=frozenset({factories.TEKELI}))
MANAGER = Actor("manager", Role.MANAGER, oblasts=frozenset({"Zhetysu Region"}))


@pytest.fixture
def fid(engine):
    with UnitOfWork(engine) as uow:
        uow.districts.add_many(
            [
                factories.district(),
                factories.district(factories.TEKELI, name_kk="Текелі", name_ru="Текели", name_en="Tekeli"),
            ],
            "setup",
        )
        uow.commit()
    return create_facility(engine, ADMIN, factories.facility()).stored.model.id


def _history(engine, fid):
    with reading(engine) as store:
        return store.facilities.history(fid)


def test_stage_move_is_dated_and_recorded(engine, fid):
    saved = update_facility(engine, EDITOR, fid, {"stage": Stage.DESIGN_ESTIMATE}, 1, today=date(2021, 4, 2))
    assert saved.stored.model.stage_dates[Stage.DESIGN_ESTIMATE] == date(2021, 4, 2)
    assert {e.field for e in _history(engine, fid) if e.version == 2} >= {"stage", "stage_dates.design_estimate"}


def test_illegal_jump_is_refused_and_writes_nothing(engine, fid):
    before = len(_history(engine, fid))
    with pytest.raises(RuleViolation, match="accepted only after it is completed"):
        update_facility(engine, MANAGER, fid, {"stage": Stage.ACCEPTED}, 1)
    assert len(_history(engine, fid)) == before
    with reading(engine) as store:
        assert store.facilities.require(fid).version == 1


def test_backward_move_needs_a_reason(engine, fid):
    update_facility(engine, EDITOR, fid, {"stage": Stage.IN_WORKS}, 1)
    with pytest.raises(RuleViolation, match="needs a reason"):
        update_facility(engine, EDITOR, fid, {"stage": Stage.PROCUREMENT}, 2)
    saved = update_facility(engine, EDITOR, fid, {"stage": Stage.PROCUREMENT}, 2, comment="tender annulled")
    assert saved.stored.version == 3
    assert _history(engine, fid)[-1].comment == "tender annulled"


def test_editor_cannot_touch_another_district(engine, fid):
    with pytest.raises(PermissionDenied, match="district 331000000"):
        update_facility(engine, OTHER_EDITOR, fid, {"contractor": "ТОО «Х»"}, 1)


def test_editor_cannot_move_an_object_into_a_foreign_district(engine, fid):
    with pytest.raises(PermissionDenied):
        update_facility(engine, EDITOR, fid, {"district_kato": factories.TEKELI, "lat": 44.83, "lon": 78.82}, 1)


def test_editor_goes_up_to_completed_but_only_a_manager_accepts(engine, fid):
    update_facility(engine, EDITOR, fid, {"stage": Stage.COMPLETED, "actual_completion": date(2021, 11, 20)}, 1)
    with pytest.raises(PermissionDenied, match="may not accept"):
        update_facility(engine, EDITOR, fid, {"stage": Stage.ACCEPTED}, 2)
    assert update_facility(engine, MANAGER, fid, {"stage": Stage.ACCEPTED}, 2).stored.model.stage == Stage.ACCEPTED


def test_stale_form_is_refused(engine, fid):
    update_facility(engine, EDITOR, fid, {"contractor": "ТОО «Бірінші»"}, 1)
    with pytest.raises(ConflictError):
        update_facility(engine, MANAGER, fid, {"contractor": "ТОО «Екінші»"}, 1)
    with reading(engine) as store:
        assert store.facilities.require(fid).model.contractor == "ТОО «Бірінші»"


def test_unknown_district_is_a_rule_violation(engine, fid):
    with pytest.raises(RuleViolation, match="unknown district KATO code '999999999'"):
        create_facility(
            engine, ADMIN, factories.facility(external_id="X").model_dump() | {"district_kato": "999999999"}
        )


def test_bad_money_in_an_update_is_refused(engine, fid):
    with pytest.raises(ValidationError, match="exceeds allocated"):
        update_facility(engine, EDITOR, fid, {"budget": {"allocated": 10, "spent": 20}}, 1)
