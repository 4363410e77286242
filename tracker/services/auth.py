"""Signing in: argon2 passwords or OIDC, server-side sessions with expiry, slow-down on guessing.

A session token is 32 random bytes; the database keeps only its SHA-256, so reading the table
does not let anyone resume a session. The browser keeps the token in an HttpOnly cookie, set
through a one-time code (``tracker.services.handoff``).

Guessing is slowed down with growing delays, never by a lockout one client can impose on
others: failures count per account *from one client*, and per client over all accounts. A
client that has signed in to an account before is not slowed down by failures on that account
from elsewhere; a client new to the account waits at most a short, capped delay for them. The
sign-in log keeps a user name only when such a person exists, so a password typed into the name
box is never stored.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import and_, func, or_

from tracker.config import Settings, get_settings
from tracker.domain.errors import ConflictError, TrackerError
from tracker.services import handoff
from tracker.services.actor import Actor
from tracker.services.users import HASHER, User, find_person
from tracker.storage.database import Database
from tracker.storage.history import now as utc_now
from tracker.storage.tables import users
from tracker.storage.unit_of_work import Store

#: last_seen_at is written at most this often, so that reruns do not each take a write lock.
TOUCH_EVERY = timedelta(seconds=60)
#: What the sign-in log keeps instead of a user name that belongs to nobody.
UNKNOWN_NAME = "?"
#: Failures are counted over this window (since the last success).
WINDOW = timedelta(days=1)


class SignInRefused(TrackerError):
    """Wrong name or password (never said which: ``signin.bad_credentials``), or too many recent
    failures (``signin.locked``, with the moment it ends)."""

    @property
    def retry_after(self) -> datetime | None:
        return self.params.get("until")


@dataclass(frozen=True)
class Policy:
    idle: timedelta
    absolute: timedelta
    max_failures: int
    max_client_failures: int
    lockout: timedelta
    #: The first delay once the free attempts are used; each further failure doubles it.
    first_delay: timedelta = timedelta(seconds=15)

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
    #: One-time code that hands this session to the browser's cookie (``handoff.claim``).
    handoff: str | None = None


def delay_after(failures: int, free: int, first: timedelta, cap: timedelta) -> timedelta:
    """How long to wait after ``failures`` failures when ``free`` are allowed: 0, then doubling."""
    if failures < free:
        return timedelta(0)
    return min(cap, first * (2 ** min(failures - free, 20)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@cache
def _dummy_hash() -> str:
    return HASHER.hash(secrets.token_urlsafe(16))


def _wait_until(store: Store, name: str, client: str, policy: Policy, at: datetime) -> datetime | None:
    """Until when this client must wait before trying this account again, if it must."""
    since = at - WINDOW
    checks = [
        ({"username": name, "client": client}, policy.max_failures, policy.lockout),
        ({"client": client}, policy.max_client_failures, policy.lockout),
    ]
    if not store.sessions.has_succeeded(name, client, since):
        # Someone else's failures on this account slow a new client down only a little.
        checks.append(({"username": name}, policy.max_client_failures, policy.first_delay * 4))
    ends = []
    for where, free, cap in checks:
        failures = store.sessions.failures_since_success(where, since, free + 21)
        wait = delay_after(len(failures), free, policy.first_delay, cap)
        if wait and failures[0] + wait > at:
            ends.append(failures[0] + wait)
    return max(ends) if ends else None


def _start(store: Store, user: User, method: str, client: str, policy: Policy, at: datetime) -> Grant:
    token = secrets.token_urlsafe(32)
    expires = at + policy.absolute
    store.sessions.open(_digest(token), user.id, at, expires, client, method)
    return Grant(token, user.actor(), user.display_name, expires, handoff.offer(store, token, at))


def sign_in(
    db: Database,
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
    client = client[:100]
    with db.write() as uow:
        found = find_person(uow, name)
        logged = name if found is not None else UNKNOWN_NAME
        until = _wait_until(uow, logged, client, policy, at)
        if until is not None:
            # Still recorded: guessing while told to wait makes the wait longer.
            uow.sessions.record_attempt(logged, client, at, False)
            uow.commit()
            raise SignInRefused("signin.locked", until=until)
        person = found.model if found else None
        usable = person is not None and person.active and person.password_hash
        try:
            # An unknown name costs the same hashing time as a known one.
            HASHER.verify(person.password_hash if usable else _dummy_hash(), password or "")
            ok = bool(usable)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        uow.sessions.record_attempt(logged, client, at, ok)
        grant = None
        if ok:
            if HASHER.check_needs_rehash(person.password_hash):
                _rehash(uow, found, password)
            grant = _start(uow, User.of(found), "password", client, policy, at)
        uow.commit()
    if grant is None:
        raise SignInRefused("signin.bad_credentials")
    return grant


def _rehash(store: Store, found, password: str) -> None:
    """Re-encode the hash with today's argon2 parameters (the password itself is unchanged)."""
    rehashed = found.model.model_copy(update={"password_hash": HASHER.hash(password)})
    try:
        store.users.update(found.model.id, rehashed, found.version, found.model.username, "password hash re-encoded")
    except ConflictError:
        pass  # an administrator changed the person meanwhile: the next sign-in re-encodes it


def oidc_user(db: Database, subject: str | None, email: str | None) -> User | None:
    """The active person an identity provider's subject (first) or e-mail names, if any."""
    checks = []
    if subject:
        checks.append(users.c.oidc_subject == subject)
    if email:
        checks.append(and_(func.lower(users.c.email) == email.strip().casefold(), users.c.oidc_subject.is_(None)))
    if not checks:
        return None
    with db.read() as store:
        found = store.users.all(or_(*checks), users.c.active.is_(True))
    by_subject = [s for s in found if subject and s.model.oidc_subject == subject]
    chosen = by_subject or found
    # Two accounts sharing an e-mail are ambiguous: refuse rather than guess.
    return User.of(chosen[0]) if len(chosen) == 1 else None


def oidc_sign_in(
    db: Database,
    subject: str | None,
    email: str | None,
    client: str = "unknown",
    policy: Policy | None = None,
    at: datetime | None = None,
) -> Grant | None:
    """Open a session for the person the identity provider vouched for; None if not registered."""
    user = oidc_user(db, subject, email)
    if user is None:
        return None
    policy = policy or Policy.from_settings()
    at = at or utc_now()
    with db.write() as uow:
        uow.sessions.record_attempt(user.username, client, at, True)
        grant = _start(uow, user, "oidc", client, policy, at)
        uow.commit()
    return grant


def resume(db: Database, token: str | None, policy: Policy | None = None, at: datetime | None = None) -> Actor | None:
    """The actor of a live session, or None once it is revoked, idle too long or past its end."""
    if not token:
        return None
    policy = policy or Policy.from_settings()
    at = at or utc_now()
    digest = _digest(token)
    with db.read() as store:
        session = store.sessions.find(digest)
        person = store.users.get(session.user_id) if session is not None else None
    if session is None or session.revoked or person is None or not person.model.active:
        return None
    if at >= session.expires_at or at - session.last_seen_at >= policy.idle:
        sign_out(db, token, at)
        return None
    if at - session.last_seen_at >= TOUCH_EVERY:
        with db.write() as uow:
            uow.sessions.touch(digest, at)
            uow.commit()
    return User.of(person).actor()


def sign_out(db: Database, token: str | None, at: datetime | None = None) -> None:
    if not token:
        return
    with db.write() as uow:
        uow.sessions.revoke(_digest(token), at or utc_now())
        uow.commit()


def sign_out_everywhere(db: Database, token: str | None, at: datetime | None = None) -> None:
    """End every session of the person this token belongs to (other browsers and devices too)."""
    if not token:
        return
    with db.write() as uow:
        user_id = uow.sessions.user_of(_digest(token))
        if user_id is not None:
            uow.sessions.revoke_all(user_id, at or utc_now())
        uow.commit()
