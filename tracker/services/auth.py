"""Signing in: argon2 passwords or OIDC, server-side sessions with expiry, slow-down on guessing.

A session token is 32 random bytes handed to the browser session once; the database keeps only
its SHA-256, so reading the table does not let anyone resume a session.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, and_, func, insert, or_, select, update

from tracker.config import Settings, get_settings
from tracker.domain.errors import TrackerError
from tracker.services.actor import Actor
from tracker.services.users import HASHER, User, _user
from tracker.storage.history import _utc
from tracker.storage.history import now as utc_now
from tracker.storage.tables import login_attempts, sessions, users
from tracker.storage.unit_of_work import UnitOfWork

#: last_seen_at is written at most this often, so that reruns do not each take a write lock.
TOUCH_EVERY = timedelta(seconds=60)


class SignInRefused(TrackerError):
    """Wrong name or password (never said which), or too many recent failures."""

    def __init__(self, reason: str, retry_after: datetime | None = None):
        self.reason = reason
        self.retry_after = retry_after
        super().__init__(
            "too many failed sign-ins; try again later" if reason == "locked" else "wrong user name or password"
        )


@dataclass(frozen=True)
class Policy:
    idle: timedelta
    absolute: timedelta
    max_failures: int
    max_client_failures: int
    lockout: timedelta

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "Policy":
        s = settings or get_settings()
        return cls(
            timedelta(minutes=s.session_idle_minutes),
            timedelta(hours=s.session_max_hours),
            s.login_max_failures,
            s.login_max_client_failures,
            timedelta(minutes=s.login_lockout_minutes),
        )


@dataclass(frozen=True)
class Grant:
    token: str
    actor: Actor
    display_name: str
    expires_at: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@cache
def _dummy_hash() -> str:
    return HASHER.hash(secrets.token_urlsafe(16))


def _locked_until(conn: Connection, column, value: str, limit: int, policy: Policy, at: datetime) -> datetime | None:
    """When the failures of ``value`` since its last success (within the window) reach ``limit``."""
    since = at - policy.lockout
    last_ok = conn.execute(
        select(func.max(login_attempts.c.at)).where(
            column == value, login_attempts.c.success.is_(True), login_attempts.c.at >= since
        )
    ).scalar_one()
    if last_ok is not None:
        since = max(since, _utc(last_ok))
    failures = (
        conn.execute(
            select(login_attempts.c.at)
            .where(column == value, login_attempts.c.success.is_(False), login_attempts.c.at > since)
            .order_by(login_attempts.c.at.desc())
            .limit(limit)
        )
        .scalars()
        .all()
    )
    if len(failures) < limit:
        return None
    return _utc(failures[0]) + policy.lockout


def _record(conn: Connection, username: str, client: str, at: datetime, success: bool) -> None:
    conn.execute(insert(login_attempts).values(username=username[:64], client=client[:100], at=at, success=success))


def _start(conn: Connection, user: User, method: str, client: str, policy: Policy, at: datetime) -> Grant:
    token = secrets.token_urlsafe(32)
    expires = at + policy.absolute
    conn.execute(
        insert(sessions).values(
            token_hash=_digest(token),
            user_id=user.id,
            created_at=at,
            last_seen_at=at,
            expires_at=expires,
            client=client[:100],
            method=method,
        )
    )
    return Grant(token, user.actor(), user.display_name, expires)


def sign_in(
    engine: Engine,
    username: str,
    password: str,
    client: str = "unknown",
    policy: Policy | None = None,
    at: datetime | None = None,
) -> Grant:
    """Check the password and open a session; SignInRefused on failure or while locked out."""
    policy = policy or Policy.from_settings()
    at = at or utc_now()
    name = (username or "").strip().casefold()[:64]
    refused: SignInRefused | None = None
    with UnitOfWork(engine) as uow:
        conn = uow.conn
        until = [
            u
            for u in (
                _locked_until(conn, login_attempts.c.username, name, policy.max_failures, policy, at),
                _locked_until(conn, login_attempts.c.client, client[:100], policy.max_client_failures, policy, at),
            )
            if u is not None and u > at
        ]
        if until:
            # Still recorded: guessing during a lockout keeps the account locked.
            _record(conn, name, client, at, False)
            uow.commit()
            raise SignInRefused("locked", max(until))
        row = (
            conn.execute(select(users).where(users.c.username == name, users.c.deleted_at.is_(None))).mappings().first()
        )
        usable = row is not None and row["active"] and row["password_hash"]
        try:
            # An unknown name costs the same hashing time as a known one.
            HASHER.verify(row["password_hash"] if usable else _dummy_hash(), password or "")
            ok = bool(usable)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        _record(conn, name, client, at, ok)
        if not ok:
            refused = SignInRefused("bad_credentials")
        else:
            if HASHER.check_needs_rehash(row["password_hash"]):
                conn.execute(update(users).where(users.c.id == row["id"]).values(password_hash=HASHER.hash(password)))
            grant = _start(conn, _user(row), "password", client, policy, at)
        uow.commit()
    if refused:
        raise refused
    return grant


def oidc_user(engine: Engine, subject: str | None, email: str | None) -> User | None:
    """The active person an identity provider's subject (first) or e-mail names, if any."""
    checks = []
    if subject:
        checks.append(users.c.oidc_subject == subject)
    if email:
        checks.append(and_(func.lower(users.c.email) == email.strip().casefold(), users.c.oidc_subject.is_(None)))
    if not checks:
        return None
    with engine.connect() as conn:
        rows = (
            conn.execute(select(users).where(or_(*checks), users.c.active.is_(True), users.c.deleted_at.is_(None)))
            .mappings()
            .all()
        )
    by_subject = [r for r in rows if subject and r["oidc_subject"] == subject]
    chosen = by_subject or rows
    # Two accounts sharing an e-mail are ambiguous: refuse rather than guess.
    return _user(chosen[0]) if len(chosen) == 1 else None


def oidc_sign_in(
    engine: Engine,
    subject: str | None,
    email: str | None,
    client: str = "unknown",
    policy: Policy | None = None,
    at: datetime | None = None,
) -> Grant | None:
    """Open a session for the person the identity provider vouched for; None if not registered."""
    user = oidc_user(engine, subject, email)
    if user is None:
        return None
    policy = policy or Policy.from_settings()
    at = at or utc_now()
    with UnitOfWork(engine) as uow:
        _record(uow.conn, user.username, client, at, True)
        grant = _start(uow.conn, user, "oidc", client, policy, at)
        uow.commit()
    return grant


def resume(engine: Engine, token: str | None, policy: Policy | None = None, at: datetime | None = None) -> Actor | None:
    """The actor of a live session, or None once it is revoked, idle too long or past its end."""
    if not token:
        return None
    policy = policy or Policy.from_settings()
    at = at or utc_now()
    digest = _digest(token)
    with engine.connect() as conn:
        row = (
            conn.execute(
                select(
                    users,
                    sessions.c.revoked_at.label("session_revoked_at"),
                    sessions.c.expires_at,
                    sessions.c.last_seen_at,
                )
                .join(sessions, users.c.id == sessions.c.user_id)
                .where(sessions.c.token_hash == digest)
            )
            .mappings()
            .first()
        )
    if row is None or row["session_revoked_at"] is not None or not row["active"] or row["deleted_at"] is not None:
        return None
    last_seen = _utc(row["last_seen_at"])
    if at >= _utc(row["expires_at"]) or at - last_seen >= policy.idle:
        sign_out(engine, token, at)
        return None
    if at - last_seen >= TOUCH_EVERY:
        with UnitOfWork(engine) as uow:
            uow.conn.execute(update(sessions).where(sessions.c.token_hash == digest).values(last_seen_at=at))
            uow.commit()
    return _user(row).actor()


def sign_out(engine: Engine, token: str | None, at: datetime | None = None) -> None:
    if not token:
        return
    with UnitOfWork(engine) as uow:
        uow.conn.execute(
            update(sessions)
            .where(sessions.c.token_hash == _digest(token), sessions.c.revoked_at.is_(None))
            .values(revoked_at=at or utc_now())
        )
        uow.commit()
