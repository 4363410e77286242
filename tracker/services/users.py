"""People who sign in: their role and scope, kept in the database; managed by administrators."""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import Connection, Engine, func, insert, select, update

from tracker.domain.district import KATO_PATTERN
from tracker.domain.errors import ConflictError, NotFound, RuleViolation
from tracker.services.actor import ASSIGNABLE_ROLES, Actor, Role
from tracker.services.permissions import Action, require
from tracker.storage import history
from tracker.storage.tables import districts, sessions, users
from tracker.storage.unit_of_work import UnitOfWork, reading

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._@-]{1,63}$"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10
#: argon2id with the library's current defaults (RFC 9106 low-memory profile).
HASHER = PasswordHasher()


class UserIn(BaseModel):
    """What an administrator fills in for a person; scopes not used by the role are dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    username: str = Field(min_length=2, max_length=64)
    display_name: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    oidc_subject: str | None = Field(default=None, max_length=255)
    role: Role
    districts: list[str] = Field(default_factory=list)
    oblasts: list[str] = Field(default_factory=list)
    organisation: str | None = Field(default=None, max_length=300)

    @field_validator("username")
    @classmethod
    def _username(cls, value: str) -> str:
        value = value.casefold()
        if not re.match(USERNAME_PATTERN, value):
            raise RuleViolation("a user name holds 2–64 Latin letters, digits and . _ - @")
        return value

    @field_validator("email", "oidc_subject", "organisation")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("districts")
    @classmethod
    def _katos(cls, values: list[str]) -> list[str]:
        if any(not re.match(KATO_PATTERN, v) for v in values):
            raise RuleViolation("district codes are 9-digit KATO codes")
        return sorted(set(values))

    @model_validator(mode="after")
    def _scope_fits_role(self) -> "UserIn":
        if self.role not in ASSIGNABLE_ROLES:
            raise RuleViolation(f"role {self.role.value} cannot be given to a person")
        if self.email is not None:
            if not _EMAIL.match(self.email):
                raise RuleViolation(f"{self.email!r} is not an e-mail address")
            self.email = self.email.casefold()
        if self.role == Role.DISTRICT_EDITOR and not self.districts:
            raise RuleViolation("a district editor needs at least one district")
        if self.role != Role.DISTRICT_EDITOR:
            self.districts = []
        if self.role != Role.MANAGER:
            self.oblasts = []
        self.oblasts = sorted(set(self.oblasts))
        return self


@dataclass(frozen=True)
class User:
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

    def actor(self) -> Actor:
        return Actor(
            name=self.username,
            role=self.role,
            districts=frozenset(self.districts),
            oblasts=frozenset(self.oblasts),
            user_id=self.id,
            organisation=self.organisation,
        )


def _user(row) -> User:
    return User(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        email=row["email"],
        oidc_subject=row["oidc_subject"],
        role=Role(row["role"]),
        districts=tuple(row["districts"] or ()),
        oblasts=tuple(row["oblasts"] or ()),
        organisation=row["organisation"],
        active=bool(row["active"]),
        has_password=bool(row["password_hash"]),
        version=row["version"],
    )


def _snapshot(data: UserIn | User, active: bool = True) -> dict[str, Any]:
    """What history keeps of a person: never the password hash."""
    return {
        "username": data.username,
        "display_name": data.display_name,
        "email": data.email,
        "oidc_subject": data.oidc_subject,
        "role": Role(data.role).value,
        "districts": list(data.districts),
        "oblasts": list(data.oblasts),
        "organisation": data.organisation,
        "active": active,
    }


def check_password(password: str, username: str) -> None:
    """Refuse passwords that are short or are the user name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RuleViolation(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if username.casefold() in password.casefold():
        raise RuleViolation("a password may not contain the user name")


def _check_scope(conn: Connection, data: UserIn) -> None:
    if data.districts:
        known = set(conn.execute(select(districts.c.kato).where(districts.c.kato.in_(data.districts))).scalars())
        unknown = sorted(set(data.districts) - known)
        if unknown:
            raise RuleViolation(f"unknown district KATO codes: {', '.join(unknown)}")
    if data.oblasts:
        known = set(conn.execute(select(districts.c.oblast_en).distinct()).scalars())
        unknown = sorted(set(data.oblasts) - known)
        if unknown:
            raise RuleViolation(f"unknown oblasts: {', '.join(unknown)}")


def _row(conn: Connection, username: str):
    row = (
        conn.execute(select(users).where(users.c.username == username.strip().casefold(), users.c.deleted_at.is_(None)))
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"no user {username!r}")
    return row


def _write_history(
    conn: Connection, user_id: int, version: int, changes: dict, actor: Actor, at: datetime, comment: str | None
) -> None:
    history.write(
        conn,
        change_id=str(uuid.uuid4()),
        entity="user",
        entity_id=user_id,
        version=version,
        changes=changes,
        actor=actor.name,
        at=at,
        comment=comment,
    )


def add_user(engine: Engine, actor: Actor, data: UserIn | dict[str, Any], password: str | None = None) -> User:
    """Create a person; without a password they can sign in only through OIDC."""
    require(actor, Action.MANAGE_USERS)
    data = data if isinstance(data, UserIn) else UserIn.model_validate(data)
    if password is not None:
        check_password(password, data.username)
    at = history.now()
    with UnitOfWork(engine) as uow:
        _check_scope(uow.conn, data)
        taken = uow.conn.execute(select(users.c.id).where(users.c.username == data.username)).first()
        if taken:
            raise RuleViolation(f"the user name {data.username!r} is taken")
        values = _snapshot(data) | {
            "password_hash": HASHER.hash(password) if password else None,
            "password_changed_at": at if password else None,
            "version": 1,
            "created_at": at,
            "updated_at": at,
            "updated_by": actor.name,
        }
        user_id = uow.conn.execute(insert(users).values(values).returning(users.c.id)).scalar_one()
        history.write(
            uow.conn,
            change_id=str(uuid.uuid4()),
            entity="user",
            entity_id=user_id,
            version=1,
            changes={history.CREATED: (history.ABSENT, _snapshot(data))},
            actor=actor.name,
            at=at,
            comment="user added",
        )
        uow.commit()
    return get_user(engine, data.username)


def update_user(
    engine: Engine,
    actor: Actor,
    username: str,
    data: UserIn | dict[str, Any],
    seen_version: int,
    comment: str | None = None,
) -> User:
    """Change a person's name, contacts, role or scope (the user name stays)."""
    require(actor, Action.MANAGE_USERS)
    with UnitOfWork(engine) as uow:
        row = _row(uow.conn, username)
        current = _user(row)
        merged = _snapshot(current) | (data.model_dump() if isinstance(data, UserIn) else dict(data))
        merged.pop("active", None)
        new = UserIn.model_validate(merged | {"username": current.username})
        _check_scope(uow.conn, new)
        if current.role == Role.ADMIN and new.role != Role.ADMIN:
            _keep_an_admin(uow.conn, current.id)
        changes = history.diff(_snapshot(current, current.active), _snapshot(new, current.active))
        if changes:
            _versioned_update(uow.conn, current, seen_version, _snapshot(new, current.active), actor)
            _write_history(uow.conn, current.id, seen_version + 1, changes, actor, history.now(), comment)
            if "role" in changes or "districts" in changes or "oblasts" in changes:
                revoke_sessions(uow.conn, current.id)
        uow.commit()
    return get_user(engine, current.username)


def set_password(engine: Engine, actor: Actor, username: str, password: str) -> None:
    """Set a new password and end every session the person has open."""
    require(actor, Action.MANAGE_USERS)
    with UnitOfWork(engine) as uow:
        current = _user(_row(uow.conn, username))
        check_password(password, current.username)
        at = history.now()
        _versioned_update(
            uow.conn,
            current,
            current.version,
            {"password_hash": HASHER.hash(password), "password_changed_at": at},
            actor,
        )
        _write_history(
            uow.conn,
            current.id,
            current.version + 1,
            {"password": ("(set)" if current.has_password else None, "(changed)")},
            actor,
            at,
            "password reset",
        )
        revoke_sessions(uow.conn, current.id)
        uow.commit()


def set_active(engine: Engine, actor: Actor, username: str, active: bool, comment: str | None = None) -> None:
    """Disable (ending their sessions) or re-enable a person; the last administrator stays."""
    require(actor, Action.MANAGE_USERS)
    with UnitOfWork(engine) as uow:
        current = _user(_row(uow.conn, username))
        if current.active == active:
            return
        if not active and current.role == Role.ADMIN:
            _keep_an_admin(uow.conn, current.id)
        _versioned_update(uow.conn, current, current.version, {"active": active}, actor)
        _write_history(
            uow.conn,
            current.id,
            current.version + 1,
            {"active": (current.active, active)},
            actor,
            history.now(),
            comment or ("enabled" if active else "disabled"),
        )
        if not active:
            revoke_sessions(uow.conn, current.id)
        uow.commit()


def _keep_an_admin(conn: Connection, leaving_id: int) -> None:
    others = conn.execute(
        select(func.count())
        .select_from(users)
        .where(
            users.c.role == Role.ADMIN.value,
            users.c.active.is_(True),
            users.c.deleted_at.is_(None),
            users.c.id != leaving_id,
        )
    ).scalar_one()
    if not others:
        raise RuleViolation("at least one active administrator must remain")


def _versioned_update(conn: Connection, current: User, seen_version: int, values: dict, actor: Actor) -> None:
    result = conn.execute(
        update(users)
        .where(users.c.id == current.id, users.c.version == seen_version)
        .values(values | {"version": seen_version + 1, "updated_at": history.now(), "updated_by": actor.name})
    )
    if result.rowcount != 1:
        raise ConflictError("user", current.username, seen_version, current.version)


def revoke_sessions(conn: Connection, user_id: int) -> None:
    conn.execute(
        update(sessions)
        .where(sessions.c.user_id == user_id, sessions.c.revoked_at.is_(None))
        .values(revoked_at=history.now())
    )


def get_user(engine: Engine, username: str) -> User:
    with reading(engine) as store:
        return _user(_row(store.conn, username))


def list_users(engine: Engine, actor: Actor) -> list[User]:
    require(actor, Action.MANAGE_USERS)
    with reading(engine) as store:
        rows = store.conn.execute(
            select(users).where(users.c.deleted_at.is_(None)).order_by(users.c.username)
        ).mappings()
        return [_user(r) for r in rows]


def has_admin(engine: Engine) -> bool:
    """Whether an active administrator exists (the first-run check of the CLI and the app)."""
    with reading(engine) as store:
        return bool(
            store.conn.execute(
                select(func.count())
                .select_from(users)
                .where(users.c.role == Role.ADMIN.value, users.c.active.is_(True), users.c.deleted_at.is_(None))
            ).scalar_one()
        )
