"""A district's site audit is a proposed passport update that a programme manager confirms or rejects."""

from datetime import date

import pytest

from tests import factories
from tracker.domain.errors import ConflictError, PermissionDenied, RuleViolation
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.audits import record_audit
from tracker.services.facilities import update_facility
from tracker.services.proposals import confirm_proposal, pending_proposals, reject_proposal

HOME = factories.TALDYKORGAN
EDITOR = Actor("dana", Role.DISTRICT_EDITOR, districts=frozenset({HOME}), organisation="Талдықорған қ. әкімдігі")
OTHER_EDITOR = Actor("marat", Role.DISTRICT_EDITOR, districts=frozenset({"195000000"}))
MANAGER = Actor("saule", Role.MANAGER, oblasts=frozenset({"Zhetysu Region"}))
FAR_MANAGER = Actor("yerlan", Role.MANAGER, oblasts=frozenset({"Mangystau Region"}))
MONITOR = Actor("aigerim", Role.MONITOR, organisation="«Тең қоғам» ҚБ")
# The district's inspector at a school door: a 0.85 m door and a 4 cm threshold.
ANSWERS = {"entrance": {"door_width": 0.85, "threshold_height": 4, "call_button": "yes"}}


@pytest.fixture
def school(db):
    with db.write() as uow:
        if uow.districts.get(HOME) is None:
            uow.districts.add(factories.district(), "setup")
        zones = {"entrance": {"states": {"wheelchair": {"current": "DP", "target": "DP"}}}}
        key = uow.facilities.add(factories.facility(passport_zones=zones, stage="completed"), "setup")
        uow.commit()
    return key


def _propose(db, fid, actor=EDITOR):
    visit_id, verdict = record_audit(db, actor, fid, date(2025, 5, 20), "Талдықорған қ. әкімдігі", ANSWERS)
    return visit_id, verdict


def test_a_district_editors_audit_waits_for_the_manager_beside_the_current_passport(db, school):
    visit_id, verdict = _propose(db, school)
    [proposal] = pending_proposals(db, MANAGER)
    assert proposal.visit_id == visit_id and proposal.proposed_by == "dana" and not proposal.stale
    wheelchair = next(c for c in proposal.changes if c.zone.value == "entrance" and c.category.value == "wheelchair")
    assert (wheelchair.before.value, wheelchair.after.value) == (
        "DP",
        verdict.matrix["entrance"].states[wheelchair.category].current.value,
    )
    assert wheelchair.changed
    assert pending_proposals(db, FAR_MANAGER) == []


def test_confirming_makes_the_audit_the_passport_with_history_naming_it(db, school):
    visit_id, verdict = _propose(db, school)
    [proposal] = pending_proposals(db, MANAGER)
    saved = confirm_proposal(db, MANAGER, visit_id, proposal.visit_version)
    entrance = saved.model.passport_zones["entrance"].states
    assert {c.value: s.current.value for c, s in entrance.items()} == {
        c.value: s.current.value for c, s in verdict.matrix["entrance"].states.items()
    }
    # К and О now read as the audit found them; С, Г, У (not assessed by it) keep the summary they had
    assert saved.model.conclusion.startswith(verdict.conclusion)
    with db.read() as st:
        entries = st.facilities.history(school)
        visit = st.visits.get(visit_id).model
    assert entries[-1].comment == f"audit #{visit_id}" and entries[-1].actor == "saule"
    assert visit.audit.proposal.status == "confirmed" and visit.audit.proposal.decided_by == "saule"
    assert visit.audit.answers["entrance"]["door_width"] == 0.85
    assert pending_proposals(db, MANAGER) == []
    with pytest.raises(RuleViolation) as again:
        confirm_proposal(db, MANAGER, visit_id, visit_version(db, visit_id))
    assert again.value.code == "proposal.decided"


def visit_version(db, visit_id):
    with db.read() as st:
        return st.visits.get(visit_id).version


def test_the_target_state_is_kept_when_the_current_one_is_replaced(db, school):
    visit_id, _ = _propose(db, school)
    saved = confirm_proposal(db, MANAGER, visit_id, visit_version(db, visit_id))
    wheelchair = [s for c, s in saved.model.passport_zones["entrance"].states.items() if c.value == "wheelchair"][0]
    assert wheelchair.target.value == "DP" and wheelchair.current.value != "DP"


def test_rejecting_needs_a_reason_and_leaves_the_passport(db, school):
    visit_id, _ = _propose(db, school)
    with pytest.raises(RuleViolation) as empty:
        reject_proposal(db, MANAGER, visit_id, visit_version(db, visit_id), "  ")
    assert empty.value.code == "proposal.needs_reason"
    reject_proposal(db, MANAGER, visit_id, visit_version(db, visit_id), "Өлшеу қате: есік 0,95 м")
    with db.read() as st:
        facility = st.facilities.get(school)
        visit = st.visits.get(visit_id).model
    assert facility.version == 1
    assert visit.audit.proposal.status == "rejected" and visit.audit.proposal.reason == "Өлшеу қате: есік 0,95 м"


def test_a_monitor_an_editor_elsewhere_and_the_proposer_cannot_do_the_managers_part(db, school):
    monitor_visit, _ = _propose(db, school, MONITOR)
    assert pending_proposals(db, MANAGER) == []  # a monitor's audit is a monitoring visit, not a proposal
    with pytest.raises(PermissionDenied):
        _propose(db, school, OTHER_EDITOR)
    visit_id, _ = _propose(db, school)
    with pytest.raises(PermissionDenied):
        confirm_proposal(db, EDITOR, visit_id, visit_version(db, visit_id))
    with pytest.raises(PermissionDenied):
        confirm_proposal(db, FAR_MANAGER, visit_id, visit_version(db, visit_id))
    with pytest.raises(PermissionDenied):
        reject_proposal(db, MONITOR, visit_id, visit_version(db, visit_id), "no")
    with pytest.raises(Exception) as not_a_proposal:
        confirm_proposal(db, MANAGER, monitor_visit, 1)
    assert getattr(not_a_proposal.value, "code", "") == "record.not_found"


def test_an_administrator_cannot_confirm_a_proposal_of_their_own(db, school):
    admin_editor = Actor("dana", Role.ADMIN)
    visit_id, _ = _propose(db, school)
    with pytest.raises(RuleViolation) as own:
        confirm_proposal(db, admin_editor, visit_id, visit_version(db, visit_id))
    assert own.value.code == "proposal.own"


def test_a_proposal_over_a_passport_changed_since_is_refused_as_stale(db, school):
    visit_id, _ = _propose(db, school)
    zones = {"entrance": {"states": {"wheelchair": {"current": "DU", "target": "DP"}}}}
    update_facility(db, SYSTEM, school, {"passport_zones": zones}, 1, comment="паспорт уточнён")
    [proposal] = pending_proposals(db, MANAGER)
    assert proposal.stale
    with pytest.raises(RuleViolation) as stale:
        confirm_proposal(db, MANAGER, visit_id, proposal.visit_version)
    assert stale.value.code == "proposal.stale"
    with db.read() as st:
        assert st.facilities.get(school).version == 2


def test_an_unrelated_edit_does_not_make_the_proposal_stale(db, school):
    visit_id, _ = _propose(db, school)
    update_facility(db, SYSTEM, school, {"contractor": "ТОО «Жаңа құрылыс»"}, 1)
    saved = confirm_proposal(db, MANAGER, visit_id, visit_version(db, visit_id))
    assert saved.version == 3


def test_a_decision_on_a_proposal_seen_before_it_changed_is_a_conflict(db, school):
    visit_id, _ = _propose(db, school)
    seen = visit_version(db, visit_id)
    reject_proposal(db, Actor("other", Role.ADMIN), visit_id, seen, "дубликат")
    with pytest.raises(ConflictError):
        confirm_proposal(db, MANAGER, visit_id, seen)
