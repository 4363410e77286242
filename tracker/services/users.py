"""People who sign in: their role and scope, kept in the register; managed by administrators.

Every change names the version the administrator's form (or click) was based on and is refused
as a conflict when someone changed the person meanwhile; a save changes only the fields given.
The history keeps every change but never the password hash: a new password reads "(changed)".
"""

from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from pydantic import BaseModel

from tracker.domain.errors import NotFound, RuleViolation
from tracker.domain.people import Person, PersonDetails, Role
from tracker.domain.rules import Record
from tracker.services.actor import Actor
from tracker.services.permissions import Action, require
from tracker.storage import history
from tracker.storage.database import Database
from tracker.storage.repository import Stored
from tracker.storage.tables import districts, users
from tracker.storage.unit_of_work import Store

MIN_PASSWORD_LENGTH = 10
#: argon2id with the library's current defaults (RFC 9106 low-memory profile).
HASHER = PasswordHasher()
_DETAILS = frozenset(PersonDetails.model_fields) - {"username"}
#: A change of these ends the person's open sessions: what they may do has changed.
_SCOPE = ("role", "districts", "oblasts")


@dataclass(frozen=True)
class User:
    """A person as pages and the command line see them: no password hash, with the version."""

    id: int
    username: str
    display_name: str
    email: str | None
    oidc_subject: str | None
    role: Role
    districts: tuple[str, ...]
    oblasts: tuple[str, ...]
    organisation: str | None
    active: bool
    has_password: bool
    version: int

    @classmethod
    def of(cls, stored: Stored[Person]) -> "User":
        p = stored.model
        return cls(
            id=p.id,
            username=p.username,
            display_name=p.display_name,
            email=p.email,
            oidc_subject=p.oidc_subject,
            role=p.role,
            districts=tuple(p.districts),
            oblasts=tuple(p.oblasts),
            organisation=p.organisation,
            active=p.active,
            has_password=p.has_password,
            version=stored.version,
        )

    def actor(self) -> Actor:
        return Actor(
            name=self.username,
            role=self.role,
            districts=frozenset(self.districts),
            oblasts=frozenset(self.oblasts),
            user_id=self.id,
            organisation=self.organisation,
        )


def check_password(password: str, username: str) -> None:
    """Refuse passwords that are short or are the user name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RuleViolation("user.password_length", min=MIN_PASSWORD_LENGTH)
    if username.casefold() in password.casefold():
        raise RuleViolation("user.password_has_name")


def _check_scope(store: Store, data: PersonDetails) -> None:
    if data.districts:
        known = {d.model.kato for d in store.districts.all(districts.c.kato.in_(data.districts))}
        unknown = sorted(set(data.districts) - known)
        if unknown:
            raise RuleViolation("user.unknown_districts", codes=", ".join(unknown))
    if data.oblasts:
        known = {d.model.oblast_en for d in store.districts.all()}
        unknown = sorted(set(data.oblasts) - known)
        if unknown:
            raise RuleViolation("user.unknown_oblasts", names=", ".join(unknown))


def find_person(store: Store, username: str) -> Stored[Person] | None:
    """The live person with this user name (any case, spaces around ignored)."""
    return store.users.one(users.c.username == (username or "").strip().casefold()[:64])


def _require(store: Store, username: str) -> Stored[Person]:
    found = find_person(store, username)
    if found is None:
        raise NotFound(Record.USER, username)
    return found


def _keep_an_admin(store: Store, leaving_id: int) -> None:
    others = store.users.count(users.c.role == Role.ADMIN.value, users.c.active.is_(True), users.c.id != leaving_id)
    if not others:
        raise RuleViolation("user.last_admin")


def add_user(db: Database, actor: Actor, data: PersonDetails | dict[str, Any], password: str | None = None) -> User:
    """Create a person; without a password they can sign in only through OIDC."""
    require(actor, Action.MANAGE_USERS)
    details = data if isinstance(data, PersonDetails) else PersonDetails.model_validate(data)
    if password is not None:
        check_password(password, details.username)
    at = history.now()
    person = Person.model_validate(
        details.model_dump()
        | {
            "password_hash": HASHER.hash(password) if password else None,
            "password_changed_at": at if password else None,
        }
    )
    with db.write() as uow:
        _check_scope(uow, details)
        if uow.users.one(users.c.username == details.username, include_deleted=True) is not None:
            raise RuleViolation("user.username_taken", username=details.username)
        key = uow.users.add(person, actor.name, "user added")
        stored = uow.users.require(key)
        uow.commit()
    return User.of(stored)


def update_user(
    db: Database,
    actor: Actor,
    username: str,
    changes: PersonDetails | dict[str, Any],
    seen_version: int,
    comment: str | None = None,
) -> User:
    """Change the given fields of a person (name, contacts, role, scope; the user name stays)."""
    require(actor, Action.MANAGE_USERS)
    given = changes.model_dump(exclude_unset=True) if isinstance(changes, BaseModel) else dict(changes)
    given.pop("username", None)
    with db.write() as uow:
        current = _require(uow, username)
        uow.users.ensure_version(current, seen_version)
        old = current.model
        details = PersonDetails.model_validate(old.model_dump(include=_DETAILS) | given | {"username": old.username})
        _check_scope(uow, details)
        if old.role == Role.ADMIN and details.role != Role.ADMIN:
            _keep_an_admin(uow, old.id)
        new = old.model_copy(update=details.model_dump(exclude={"username"}))
        saved = uow.users.update(old.id, new, seen_version, actor.name, comment)
        if any(getattr(old, f) != getattr(new, f) for f in _SCOPE):
            uow.sessions.revoke_all(old.id, history.now())
        uow.commit()
    return User.of(saved)


def set_password(db: Database, actor: Actor, username: str, password: str, seen_version: int) -> None:
    """Set a new password and end every session the person has open."""
    require(actor, Action.MANAGE_USERS)
    with db.write() as uow:
        current = _require(uow, username)
        uow.users.ensure_version(current, seen_version)
        check_password(password, current.model.username)
        at = history.now()
        new = current.model.model_copy(update={"password_hash": HASHER.hash(password), "password_changed_at": at})
        uow.users.update(current.model.id, new, seen_version, actor.name, "password reset")
        uow.sessions.revoke_all(current.model.id, at)
        uow.commit()


def set_active(
    db: Database, actor: Actor, username: str, active: bool, seen_version: int, comment: str | None = None
) -> None:
    """Disable (ending their sessions) or re-enable a person; the last administrator stays."""
    require(actor, Action.MANAGE_USERS)
    with db.write() as uow:
        current = _require(uow, username)
        uow.users.ensure_version(current, seen_version)
        if current.model.active == active:
            return
        if not active and current.model.role == Role.ADMIN:
            _keep_an_admin(uow, current.model.id)
        new = current.model.model_copy(update={"active": active})
        uow.users.update(
            current.model.id, new, seen_version, actor.name, comment or ("enabled" if active else "disabled")
        )
        if not active:
            uow.sessions.revoke_all(current.model.id, history.now())
        uow.commit()


def get_user(db: Database, username: str) -> User:
    with db.read() as store:
        return User.of(_require(store, username))


def list_users(db: Database, actor: Actor) -> list[User]:
    require(actor, Action.MANAGE_USERS)
    with db.read() as store:
        return sorted((User.of(s) for s in store.users.all()), key=lambda u: u.username)


def has_admin(db: Database) -> bool:
    """Whether an active administrator exists (the first-run check of the CLI and the app)."""
    with db.read() as store:
        return store.users.count(users.c.role == Role.ADMIN.value, users.c.active.is_(True)) > 0
