"""Who may do what, checked in the services whatever the UI shows."""

from enum import StrEnum

from tracker.domain.enums import Stage
from tracker.domain.errors import PermissionDenied
from tracker.services.actor import Actor, Role


class Action(StrEnum):
    VIEW = "view"
    CREATE_FACILITY = "create_facility"
    EDIT_FACILITY = "edit_facility"
    DELETE_FACILITY = "delete_facility"
    ACCEPT = "accept"
    REOPEN = "reopen"
    RECORD_VISIT = "record_visit"
    IMPORT_DATA = "import_data"
    MANAGE_USERS = "manage_users"
    MANAGE_DISTRICTS = "manage_districts"
    IMPORT_BOUNDARIES = "import_boundaries"
    ATTACH_EVIDENCE = "attach_evidence"
    #: Names of authors and visitors, history, users' contacts: never for the public view.
    VIEW_PERSONAL = "view_personal"


_EDITING = {Action.CREATE_FACILITY, Action.EDIT_FACILITY, Action.IMPORT_DATA, Action.ATTACH_EVIDENCE}
_ALLOWED: dict[Role, set[Action]] = {
    Role.ADMIN: set(Action),
    Role.MANAGER: {Action.VIEW, Action.VIEW_PERSONAL, Action.DELETE_FACILITY, Action.ACCEPT, Action.REOPEN} | _EDITING,
    Role.DISTRICT_EDITOR: {Action.VIEW, Action.VIEW_PERSONAL} | _EDITING,
    Role.MONITOR: {Action.VIEW, Action.VIEW_PERSONAL, Action.RECORD_VISIT},
    Role.PUBLIC: {Action.VIEW},
}
#: Actions on a record of a district: the actor's scope must cover that district.
SCOPED = frozenset(_EDITING | {Action.DELETE_FACILITY, Action.ACCEPT, Action.REOPEN})


def in_scope(actor: Actor, district_kato: str | None, oblast_en: str | None) -> bool:
    """Managers with no oblast listed are national; editors see only their own districts."""
    if actor.role == Role.ADMIN:
        return True
    if actor.role == Role.MANAGER:
        return not actor.oblasts or oblast_en in actor.oblasts
    if actor.role == Role.DISTRICT_EDITOR:
        return district_kato in actor.districts
    return True


def require(actor: Actor, action: Action, district_kato: str | None = None, oblast_en: str | None = None) -> None:
    """Raise PermissionDenied unless ``actor`` may do ``action`` on a record of that district."""
    if action not in _ALLOWED[actor.role]:
        raise PermissionDenied("permission.denied", action=action)
    if action in SCOPED and not in_scope(actor, district_kato, oblast_en):
        raise PermissionDenied("permission.out_of_scope", action=action, district=district_kato)


def allowed(actor: Actor, action: Action, district_kato: str | None = None, oblast_en: str | None = None) -> bool:
    """Whether ``require`` would pass; for deciding what to offer, never instead of ``require``."""
    try:
        require(actor, action, district_kato, oblast_en)
    except PermissionDenied:
        return False
    return True


def require_stage_move(actor: Actor, old: Stage, new: Stage, district_kato: str, oblast_en: str | None) -> None:
    """Accepting and reopening an accepted object are for managers; editors go up to completed."""
    if new == Stage.ACCEPTED and old != Stage.ACCEPTED:
        require(actor, Action.ACCEPT, district_kato, oblast_en)
    if old == Stage.ACCEPTED and new != Stage.ACCEPTED:
        require(actor, Action.REOPEN, district_kato, oblast_en)
