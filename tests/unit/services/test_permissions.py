"""The permission rules themselves: every role × action × scope, without a database."""

import pytest

from tracker.domain import PermissionDenied, Stage
from tracker.services.actor import PUBLIC, SYSTEM, Actor, Role
from tracker.services.permissions import SCOPED, Action, allowed, require, require_stage_move

HOME, AWAY = "331000000", "196200000"
OBLAST = {HOME: "Zhetysu Region", AWAY: "Almaty Region"}
ACTORS = {
    "admin": Actor("adm", Role.ADMIN),
    "manager": Actor("man", Role.MANAGER, oblasts=frozenset({"Zhetysu Region"})),
    "national_manager": Actor("nat", Role.MANAGER),
    "district_editor": Actor("ed", Role.DISTRICT_EDITOR, districts=frozenset({HOME})),
    "monitor": Actor("mon", Role.MONITOR),
    "public": PUBLIC,
}
UNSCOPED = {
    "admin": set(Action),
    "manager": {Action.VIEW, Action.VIEW_PERSONAL},
    "national_manager": {Action.VIEW, Action.VIEW_PERSONAL},
    "district_editor": {Action.VIEW, Action.VIEW_PERSONAL},
    "monitor": {Action.VIEW, Action.VIEW_PERSONAL, Action.RECORD_VISIT},
    "public": {Action.VIEW},
}
SCOPED_OK = {  # scoped actions allowed in HOME; AWAY only for the national scopes
    "admin": set(SCOPED),
    "manager": set(SCOPED),
    "national_manager": set(SCOPED),
    "district_editor": {Action.CREATE_FACILITY, Action.EDIT_FACILITY, Action.IMPORT_DATA, Action.ATTACH_EVIDENCE},
    "monitor": set(),
    "public": set(),
}
NATIONAL = {"admin", "national_manager"}


def _expected(role: str, action: Action, kato: str) -> bool:
    if action not in SCOPED:
        return action in UNSCOPED[role]
    return action in SCOPED_OK[role] and (kato == HOME or role in NATIONAL)


@pytest.mark.parametrize("kato", [HOME, AWAY])
@pytest.mark.parametrize("action", list(Action), ids=str)
@pytest.mark.parametrize("role", list(ACTORS))
def test_every_role_action_and_scope(role, action, kato):
    actor = ACTORS[role]
    assert allowed(actor, action, kato, OBLAST[kato]) is _expected(role, action, kato)
    if not _expected(role, action, kato):
        with pytest.raises(PermissionDenied):
            require(actor, action, kato, OBLAST[kato])


def test_the_command_line_acts_as_an_administrator():
    assert SYSTEM.role == Role.ADMIN and SYSTEM.signed_in
    assert not PUBLIC.signed_in


@pytest.mark.parametrize(
    "old, new, who, ok",
    [
        (Stage.IN_WORKS, Stage.COMPLETED, "district_editor", True),
        (Stage.COMPLETED, Stage.ACCEPTED, "district_editor", False),
        (Stage.COMPLETED, Stage.ACCEPTED, "manager", True),
        (Stage.ACCEPTED, Stage.COMPLETED, "district_editor", False),
        (Stage.ACCEPTED, Stage.COMPLETED, "manager", True),
        (Stage.COMPLETED, Stage.ACCEPTED, "monitor", False),
    ],
)
def test_only_managers_accept_and_reopen(old, new, who, ok):
    actor = ACTORS[who]
    if ok:
        require_stage_move(actor, old, new, HOME, "Zhetysu Region")
    else:
        with pytest.raises(PermissionDenied):
            require_stage_move(actor, old, new, HOME, "Zhetysu Region")
