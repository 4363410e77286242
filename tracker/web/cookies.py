"""The session cookie's two HTTP routes: exchange a one-time code for it, and clear it.

The app's pages talk over a WebSocket, which cannot set cookies; these plain HTTP answers can,
so the cookie is HttpOnly (no script can read it), SameSite=Lax, and Secure when the request
came over HTTPS (directly or through a proxy that says so) or when ``TRACKER_COOKIE_SECURE`` is
set. Both routes accept only same-origin POSTs, so another site cannot sign a visitor in to an
account of its choosing or sign them out. Under a base URL path (``server.baseUrlPath``) the
routes and the cookie's Path follow it (:func:`routes`).
"""

from functools import cache, partial
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tracker.config import get_settings
from tracker.services import auth, handoff
from tracker.storage.database import Database


@cache
def _database() -> Database:
    return Database.at(get_settings().resolved_database_url)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin:
        return False
    host = request.headers.get("x-forwarded-host") or request.headers.get("host") or ""
    return urlsplit(origin).netloc == host.split(",")[0].strip()


def _secure(request: Request) -> bool:
    return get_settings().cookie_secure or request.url.scheme == "https"


async def claim(request: Request, path: str = "/") -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    try:
        code = (await request.json()).get("code")
    except ValueError:
        return Response(status_code=400)
    token = handoff.claim(_database(), code if isinstance(code, str) else None)
    if token is None:
        return Response(status_code=410)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.set_cookie(
        handoff.COOKIE_NAME,
        token,
        max_age=int(auth.Policy.from_settings().absolute.total_seconds()),
        path=path,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    return response


async def sign_out(request: Request, path: str = "/") -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    auth.sign_out(_database(), request.cookies.get(handoff.COOKIE_NAME))
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(handoff.COOKIE_NAME, path=path, httponly=True, samesite="lax", secure=_secure(request))
    return response


def routes(base: str | None = None) -> list[Route]:
    """The two routes under the server's base URL path (``None`` or ``""``: at the root)."""
    path = handoff.cookie_path(base)
    return [
        Route(handoff.under_base(base, handoff.CLAIM_PATH), partial(claim, path=path), methods=["POST"]),
        Route(handoff.under_base(base, handoff.SIGN_OUT_PATH), partial(sign_out, path=path), methods=["POST"]),
    ]


ROUTES = routes()
