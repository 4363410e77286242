"""The session cookie's HTTP routes: a one-time code becomes an HttpOnly cookie; sign-out clears it."""

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tracker.services import auth, handoff
from tracker.services.actor import SYSTEM
from tracker.services.users import add_user
from tracker.web import cookies

PASSWORD = "Cookie-secret-2025"
ORIGIN = "http://testserver"


@pytest.fixture
def client(memory_db, monkeypatch):
    add_user(memory_db, SYSTEM, {"username": "asel", "display_name": "Әсел", "role": "manager"}, PASSWORD)
    monkeypatch.setattr(cookies, "_database", lambda: memory_db)
    return TestClient(Starlette(routes=cookies.ROUTES))


def test_a_code_becomes_an_http_only_cookie_once(client, memory_db):
    grant = auth.sign_in(memory_db, "asel", PASSWORD, "10.0.0.1")
    answer = client.post(handoff.CLAIM_PATH, json={"code": grant.handoff}, headers={"Origin": ORIGIN})
    assert answer.status_code == 204
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{handoff.COOKIE_NAME}={grant.token};")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie and "Secure" not in cookie
    again = client.post(handoff.CLAIM_PATH, json={"code": grant.handoff}, headers={"Origin": ORIGIN})
    assert again.status_code == 410 and "set-cookie" not in again.headers


def test_behind_https_the_cookie_is_secure(client, memory_db):
    grant = auth.sign_in(memory_db, "asel", PASSWORD, "10.0.0.1")
    secure = TestClient(client.app, base_url="https://tracker.example.kz")
    answer = secure.post(
        handoff.CLAIM_PATH, json={"code": grant.handoff}, headers={"Origin": "https://tracker.example.kz"}
    )
    assert answer.status_code == 204 and "Secure" in answer.headers["set-cookie"]


@pytest.mark.parametrize("origin", [None, "https://evil.example", "null"])
def test_another_site_cannot_sign_a_visitor_in_or_out(client, memory_db, origin):
    grant = auth.sign_in(memory_db, "asel", PASSWORD, "10.0.0.1")
    headers = {"Origin": origin} if origin else {}
    assert client.post(handoff.CLAIM_PATH, json={"code": grant.handoff}, headers=headers).status_code == 403
    client.cookies.set(handoff.COOKIE_NAME, grant.token)
    assert client.post(handoff.SIGN_OUT_PATH, headers=headers).status_code == 403
    assert auth.resume(memory_db, grant.token) is not None  # still signed in, code still unused
    assert handoff.claim(memory_db, grant.handoff) == grant.token


def test_signing_out_ends_the_session_and_clears_the_cookie(client, memory_db):
    grant = auth.sign_in(memory_db, "asel", PASSWORD, "10.0.0.1")
    client.cookies.set(handoff.COOKIE_NAME, grant.token)
    answer = client.post(handoff.SIGN_OUT_PATH, headers={"Origin": ORIGIN})
    assert answer.status_code == 204
    assert f'{handoff.COOKIE_NAME}="";' in answer.headers["set-cookie"] or "Max-Age=0" in answer.headers["set-cookie"]
    assert auth.resume(memory_db, grant.token) is None


def test_under_a_base_url_path_the_routes_and_the_cookie_follow_it(memory_db, monkeypatch):
    """`streamlit run serve.py --server.baseUrlPath tracker`: the app lives at /tracker/…"""
    add_user(memory_db, SYSTEM, {"username": "asel", "display_name": "Әсел", "role": "manager"}, PASSWORD)
    monkeypatch.setattr(cookies, "_database", lambda: memory_db)
    client = TestClient(Starlette(routes=cookies.routes("/tracker/")))
    grant = auth.sign_in(memory_db, "asel", PASSWORD, "10.0.0.1")
    assert client.post(handoff.CLAIM_PATH, json={"code": grant.handoff}, headers={"Origin": ORIGIN}).status_code == 404
    answer = client.post("/tracker/_tracker/session", json={"code": grant.handoff}, headers={"Origin": ORIGIN})
    assert answer.status_code == 204
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{handoff.COOKIE_NAME}={grant.token};") and "Path=/tracker;" in cookie
    assert client.cookies.get(handoff.COOKIE_NAME, path="/tracker") == grant.token
    answer = client.post("/tracker/_tracker/sign-out", headers={"Origin": ORIGIN})
    assert answer.status_code == 204 and "Path=/tracker;" in answer.headers["set-cookie"]
    assert auth.resume(memory_db, grant.token) is None
