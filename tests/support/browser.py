"""Waiting in the browser tests: on conditions, never on fixed sleeps, with generous deadlines.

A Streamlit page is ready when the script run the last action started has finished and the
element the test expects is there. The run is seen on the page's websocket: Streamlit sends a
``script_finished`` message at the end of every run (`RunWatch` counts them) and
``session_status_changed`` when a run starts or stops. Then the test waits for its element.

Every wait has the same deadline, :data:`DEADLINE_S` (180 s): far above a run on an idle machine
(about a second), so that a machine busy with other work is slow, not failing.
"""

import re
import time
from collections.abc import Callable

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DEADLINE_S = 180
DEADLINE_MS = DEADLINE_S * 1000
VIEWPORT = {"width": 1400, "height": 1000}
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
_READY = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return !!main && !!main.querySelector('h1')
        && !document.querySelector('[data-testid="stSkeleton"]')
        && !document.querySelector('[data-stale="true"]');
}"""


class RunWatch:
    """The script runs of one page, read from its Streamlit websocket (a new one after a reload)."""

    def __init__(self, page):
        self.page = page
        self.sessions = 0  # websockets opened: one per load of the page
        self.finished = 0  # runs finished in the current session
        self.running = False
        self.socket = None
        page.on("websocket", self._attach)

    def _attach(self, socket) -> None:
        if "/_stcore/stream" not in socket.url:
            return
        self.socket = socket
        self.sessions += 1
        self.finished = 0
        self.running = False
        socket.on("framereceived", lambda payload: self._frame(socket, payload))

    def _frame(self, socket, payload) -> None:
        if socket is not self.socket or isinstance(payload, str):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # not a ForwardMsg: nothing to count
            return
        kind = msg.WhichOneof("type")
        if kind == "session_status_changed":
            self.running = msg.session_status_changed.script_is_running
        elif kind == "script_finished":
            if msg.script_finished != _EARLY:
                self.finished += 1
                self.running = False

    def mark(self) -> tuple[int, int]:
        """Where the page is now: (session, finished runs), after handling the messages already received."""
        self.page.evaluate("0")  # a round trip: every event queued before it is handled first
        return self.sessions, self.finished

    def wait(self, since: tuple[int, int] | None, deadline: float) -> None:
        """Until a run that finished after ``since`` has ended and none is running (a new session
        since then counts from its own first run); with None, only until none is running."""

        def done() -> bool:
            if since is None:
                return not self.running
            session, finished = since
            newer = self.finished > finished if self.sessions == session else self.sessions > session and self.finished
            return bool(newer) and not self.running

        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"the page's script run did not finish within {DEADLINE_S} s")
            socket = self.socket
            try:
                if socket is None or socket.is_closed():
                    self.page.wait_for_event("websocket", timeout=min(remaining, 5) * 1000)
                else:
                    socket.wait_for_event("framereceived", timeout=min(remaining, 5) * 1000)
            except Exception:  # no message in this slice (or the socket closed): look again
                continue


def watch(page):
    """Count the page's script runs from now on (before its first ``goto``); returns the page."""
    page.runs = RunWatch(page)
    page.set_default_timeout(DEADLINE_MS)
    page.set_default_navigation_timeout(DEADLINE_MS)
    return page


def new_page(browser, **options):
    """A page in a fresh browser context (its own cookies: another person), watched."""
    context = browser.new_context(**({"viewport": VIEWPORT} | options))
    context.set_default_timeout(DEADLINE_MS)
    page = watch(context.new_page())
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


def settle(page, since: tuple[int, int]) -> None:
    """Wait until a script run that finished after ``since`` (from ``page.runs.mark()``) has ended and
    the page shows its title with nothing stale or loading left."""
    deadline = time.monotonic() + DEADLINE_S
    page.runs.wait(since, deadline)
    page.wait_for_function(_READY, timeout=max(deadline - time.monotonic(), 1) * 1000)


def quiet(page) -> None:
    """Wait until no script run is going on (none need have started) and the page is ready."""
    deadline = time.monotonic() + DEADLINE_S
    page.runs.wait(None, deadline)
    page.wait_for_function(_READY, timeout=max(deadline - time.monotonic(), 1) * 1000)


def after(page, action: Callable[[], object]) -> None:
    """Do ``action`` (a click, a key, a navigation) and wait for the script run it starts to finish."""
    since = page.runs.mark()
    action()
    settle(page, since)


def open_url(page, url: str) -> None:
    """Load ``url`` (a new session) and wait for its first run."""
    after(page, lambda: page.goto(url))


def reload(page) -> None:
    after(page, page.reload)


def go(page, title: str) -> None:
    """Open a page from the sidebar menu (a reload would start a new, signed-out session)."""
    after(page, page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click)


def sign_in(page, server, username: str, password: str) -> None:
    """Open the app of ``server`` (a `StreamlitServer`) and sign in through the sidebar form (Kazakh labels)."""
    open_url(page, server.url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("Пайдаланушы аты").fill(username)
    sidebar.get_by_label("Құпиясөз").fill(password)
    after(page, sidebar.get_by_role("button", name="Кіру").click)
    page.get_by_text("Кірген:").wait_for()


def choose(page, label: str, text: str, nth: int = 0) -> None:
    """Pick the option containing ``text`` in the selectbox labelled ``label`` (typing filters it).

    The box is a combobox: the chosen option is the value of its input.
    """
    from playwright.sync_api import expect  # here: without Playwright the browser tests skip, not break

    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True)).nth(nth)
    shown = box.locator('input[role="combobox"]')
    option = page.get_by_role("option").filter(has_text=text).first
    if text in shown.input_value():
        return  # already chosen (the only district of an editor): choosing it again starts no run
    in_form = box.locator("xpath=ancestor::*[@data-testid='stForm']").count() > 0
    for _ in range(3):
        shown.click()  # the input itself: a long label wraps above it
        page.get_by_role("listbox").first.wait_for()
        page.keyboard.type(text)
        try:
            option.wait_for(timeout=DEADLINE_MS / 6)
        except Exception:  # a run re-drew the box under the typing: close the list, let it end, again
            page.keyboard.press("Escape")
            quiet(page)
            continue
        if in_form:  # a widget in a form starts no run before the form is submitted
            page.keyboard.press("Enter")
        else:
            after(page, lambda: page.keyboard.press("Enter"))
        expect(shown).to_have_value(re.compile(re.escape(text)), timeout=DEADLINE_MS)
        return
    raise AssertionError(f"no option {text!r} in {label!r}")


def map_drawn(page, frame_selector: str = MAP_FRAME):
    """The map's frame once Leaflet has drawn its first shape."""
    frame = page.frame_locator(frame_selector)
    frame.locator("path.leaflet-interactive").first.wait_for(state="attached")
    return frame


def open_object(page, prefix: str, fid: int) -> None:
    """Pick the object ``fid`` of Taldykorgan in a page's district and object boxes."""
    choose(page, "Аудан", "Талдықорған")
    choose(page, "Нысан", f"{fid} · ")
