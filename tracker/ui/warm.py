"""Warm the server when it starts, so the first viewer does not pay for it.

Started by ``serve.py``'s lifespan in a background thread: it imports the pages (about a second
of Python imports on this machine kind) and fills the map page's per-process caches (the
database, the boundaries, the districts, the shared live-map store and its packed layer, the
district shapes file). Those caches are keyed on the data version only, not on a session, so the
first script run finds them ready; if it comes first, Streamlit's cache locks make it wait for
the same work instead of doing it twice.
"""

import logging
import threading
import time

from tracker.ui.startup import READY

log = logging.getLogger(__name__)
#: Streamlit warns that a thread has no script run; the warm-up runs outside any session on purpose.
_QUIET = "streamlit.runtime.scriptrunner_utils.script_run_context"


def warm() -> None:
    """Import the app and fill the map page's caches; failures are logged, never raised."""
    quiet = logging.getLogger(_QUIET)
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    start = time.perf_counter()
    try:
        import tracker.ui.app  # noqa: F401  (the pages and their imports; see register_declared)
        from tracker.ui.pages import map_page

        map_page.warm()
    except Exception:  # a warm-up that fails leaves the work to the first viewer
        log.exception("warming the map page failed")
    finally:
        quiet.setLevel(level)
        READY.set()
    log.info("warmed in %.2f s", time.perf_counter() - start)


def start() -> threading.Thread:
    """Warm in a daemon thread (the server answers meanwhile)."""
    thread = threading.Thread(target=warm, name="tracker-warm", daemon=True)
    thread.start()
    return thread
