"""Entry point: ``streamlit run serve.py`` (or ``uvicorn serve:app``).

Serves the app (``streamlit_app.py``) through Streamlit's ASGI server together with the two HTTP
routes that set and clear the HttpOnly session cookie (``tracker/web/cookies.py``).
"""

from streamlit.starlette import App

from tracker.web.cookies import ROUTES

app = App("streamlit_app.py", routes=ROUTES)
