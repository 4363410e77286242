"""Handing a session to the browser: a one-time code the page exchanges for an HttpOnly cookie.

The sign-in form runs inside the app's WebSocket, which cannot set cookies. So a new session
also gets a one-time code (valid for two minutes); the page posts that code to the app's own
HTTP route, whose answer sets the cookie. The database keeps the code's SHA-256 and the token
sealed with the code (XOR with a SHAKE-256 stream of it): neither alone gives the token, the
code never outlives its one use, and the token itself never reaches JavaScript.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from tracker.storage.database import Database
from tracker.storage.history import now as utc_now
from tracker.storage.unit_of_work import Store

#: The cookie that carries the session token (HttpOnly, SameSite=Lax, Secure behind HTTPS).
COOKIE_NAME = "tracker_session"
#: Where the page posts the one-time code, and where signing out clears the cookie.
CLAIM_PATH = "/_tracker/session"
SIGN_OUT_PATH = "/_tracker/sign-out"
HANDOFF_VALID = timedelta(minutes=2)


def under_base(base: str | None, path: str = "/") -> str:
    """``path`` under the server's base URL path (Streamlit's ``server.baseUrlPath``, e.g. ``tracker``):
    ``/tracker/_tracker/session``; unchanged without a base."""
    base = (base or "").strip("/")
    return f"/{base}{path}" if base else path


def cookie_path(base: str | None) -> str:
    """The cookie's Path: the whole app under its base (``/tracker``, which also covers
    ``/tracker/…``), or ``/``."""
    return under_base(base, "") or "/"


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _seal(token: str, code: str) -> str:
    raw = token.encode()
    stream = hashlib.shake_256(code.encode()).digest(len(raw))
    return bytes(a ^ b for a, b in zip(raw, stream)).hex()


def _unseal(sealed: str, code: str) -> str:
    raw = bytes.fromhex(sealed)
    stream = hashlib.shake_256(code.encode()).digest(len(raw))
    return bytes(a ^ b for a, b in zip(raw, stream)).decode()


def offer(store: Store, token: str, at: datetime) -> str:
    """A one-time code for the session of ``token`` (inside the caller's transaction)."""
    code = secrets.token_urlsafe(32)
    store.sessions.offer_handoff(_digest(token), _digest(code), _seal(token, code), at + HANDOFF_VALID)
    return code


def claim(db: Database, code: str | None, at: datetime | None = None) -> str | None:
    """The session token a one-time code stands for, once; None for an unknown, spent or late code."""
    if not code or len(code) > 100:
        return None
    with db.write() as uow:
        sealed = uow.sessions.claim_handoff(_digest(code), at or utc_now())
        uow.commit()
    if sealed is None:
        return None
    try:
        return _unseal(sealed, code)
    except (ValueError, UnicodeDecodeError):
        return None
