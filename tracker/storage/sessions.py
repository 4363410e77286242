"""Sign-in state: sessions and login attempts. Not register data — no version, no history.

Nothing here moves the data version: a page cache keyed on it must not be thrown away because
someone signed in or a session was touched.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, update

from tracker.storage.history import utc
from tracker.storage.tables import login_attempts, sessions


@dataclass(frozen=True)
class OpenSession:
    user_id: int
    last_seen_at: datetime
    expires_at: datetime
    revoked: bool


class SessionStore:
    """Sessions (only a digest of each token) and sign-in attempts, in the caller's transaction."""

    def __init__(self, conn: Connection):
        self.conn = conn

    # --- attempts ---------------------------------------------------------------------------
    def record_attempt(self, username: str, client: str, at: datetime, success: bool) -> None:
        self.conn.execute(
            insert(login_attempts).values(username=username[:64], client=client[:100], at=at, success=success)
        )

    def failures_since_success(self, where: dict[str, str], since: datetime, limit: int) -> list[datetime]:
        """Up to ``limit`` latest failures matching ``where`` (``username`` and/or ``client``) since
        ``since`` and after the last success that matches it, newest first."""
        match = [login_attempts.c[column] == value for column, value in where.items()]
        last_ok = self.conn.execute(
            select(func.max(login_attempts.c.at)).where(
                *match, login_attempts.c.success.is_(True), login_attempts.c.at >= since
            )
        ).scalar_one()
        if last_ok is not None:
            since = max(since, utc(last_ok))
        rows = self.conn.execute(
            select(login_attempts.c.at)
            .where(*match, login_attempts.c.success.is_(False), login_attempts.c.at > since)
            .order_by(login_attempts.c.at.desc())
            .limit(limit)
        ).scalars()
        return [utc(at) for at in rows]

    def has_succeeded(self, username: str, client: str, since: datetime) -> bool:
        """Whether this client signed in to this account since ``since``."""
        return (
            self.conn.execute(
                select(login_attempts.c.id)
                .where(
                    login_attempts.c.username == username,
                    login_attempts.c.client == client,
                    login_attempts.c.success.is_(True),
                    login_attempts.c.at >= since,
                )
                .limit(1)
            ).first()
            is not None
        )

    # --- sessions ---------------------------------------------------------------------------
    def open(self, token_hash: str, user_id: int, at: datetime, expires_at: datetime, client: str, method: str) -> None:
        self.conn.execute(
            insert(sessions).values(
                token_hash=token_hash,
                user_id=user_id,
                created_at=at,
                last_seen_at=at,
                expires_at=expires_at,
                client=client[:100],
                method=method,
            )
        )

    def find(self, token_hash: str) -> OpenSession | None:
        row = self.conn.execute(
            select(sessions.c.user_id, sessions.c.last_seen_at, sessions.c.expires_at, sessions.c.revoked_at).where(
                sessions.c.token_hash == token_hash
            )
        ).first()
        if row is None:
            return None
        return OpenSession(row.user_id, utc(row.last_seen_at), utc(row.expires_at), row.revoked_at is not None)

    def touch(self, token_hash: str, at: datetime) -> None:
        self.conn.execute(update(sessions).where(sessions.c.token_hash == token_hash).values(last_seen_at=at))

    def revoke(self, token_hash: str, at: datetime) -> None:
        self.conn.execute(
            update(sessions)
            .where(sessions.c.token_hash == token_hash, sessions.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    def user_of(self, token_hash: str) -> int | None:
        return self.conn.execute(select(sessions.c.user_id).where(sessions.c.token_hash == token_hash)).scalar()

    # --- hand-over to the browser's cookie --------------------------------------------------
    def offer_handoff(self, token_hash: str, handoff_hash: str, sealed: str, until: datetime) -> None:
        self.conn.execute(
            update(sessions)
            .where(sessions.c.token_hash == token_hash)
            .values(handoff_hash=handoff_hash, handoff_sealed=sealed, handoff_until=until)
        )

    def claim_handoff(self, handoff_hash: str, at: datetime) -> str | None:
        """The sealed token of a live, unclaimed hand-over code; the code is spent either way."""
        row = self.conn.execute(
            select(
                sessions.c.token_hash, sessions.c.handoff_sealed, sessions.c.handoff_until, sessions.c.revoked_at
            ).where(sessions.c.handoff_hash == handoff_hash)
        ).first()
        if row is None:
            return None
        self.conn.execute(
            update(sessions)
            .where(sessions.c.token_hash == row.token_hash)
            .values(handoff_hash=None, handoff_sealed=None, handoff_until=None)
        )
        if row.revoked_at is not None or row.handoff_until is None or utc(row.handoff_until) < at:
            return None
        return row.handoff_sealed

    def revoke_all(self, user_id: int, at: datetime) -> None:
        """End every open session of a person (disabled, new password, new role or scope)."""
        self.conn.execute(
            update(sessions).where(sessions.c.user_id == user_id, sessions.c.revoked_at.is_(None)).values(revoked_at=at)
        )
