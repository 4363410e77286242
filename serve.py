"""Entry point: ``streamlit run serve.py`` (or ``uvicorn serve:app``).

Serves the app (``streamlit_app.py``) through Streamlit's ASGI server together with the two HTTP
routes that set and clear the HttpOnly session cookie (``tracker/web/cookies.py``). When the server
starts, the pages are imported and the map's data read in the background (``tracker/ui/warm.py``);
``/_tracker/ready`` answers 200 once that is done (503 before), for a load balancer's readiness check.
"""

from contextlib import asynccontextmanager

from starlette.responses import PlainTextResponse
from starlette.routing import Route
from streamlit import config
from streamlit.starlette import App

from tracker.ui import warm
from tracker.web import cookies

READY_PATH = "/_tracker/ready"


async def ready(_request):
    done = warm.READY.is_set()
    return PlainTextResponse("ready" if done else "warming", status_code=200 if done else 503)


@asynccontextmanager
async def lifespan(_app):
    warm.start()
    yield


# Under `--server.baseUrlPath tracker` the cookie's routes are /tracker/_tracker/…, as the page calls them.
ROUTES = cookies.routes(config.get_option("server.baseUrlPath"))
app = App("streamlit_app.py", routes=[*ROUTES, Route(READY_PATH, ready)], lifespan=lifespan)
