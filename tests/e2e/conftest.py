"""Browser tests: a real `streamlit run serve.py` (the app and its cookie routes) on a free port, driven by
Debian Chromium via Playwright."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import missing

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("TRACKER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """A `streamlit run serve.py` with its own data directory (and so its own database)."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        environment = os.environ | {"TRACKER_DATA_DIR": str(data_dir), "TRACKER_BOUNDARIES_DOWNLOAD": "false"}
        environment.pop("TRACKER_DATABASE_URL", None)
        self.env = environment | (env or {})
        self.log = open(data_dir / "streamlit.log", "w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(REPO / "serve.py"),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self, timeout: float = 90) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {(self.data_dir / 'streamlit.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not become healthy in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed")
    if not Path(CHROMIUM).exists():
        missing(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory):
    """The app on its embedded default: SQLite file, demo data loaded on first start."""
    server = StreamlitServer(tmp_path_factory.mktemp("demo-app"))
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="kk-KZ")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def settle(page, timeout: float = 60) -> None:
    """Wait until Streamlit has finished running the script (no running indicator for a while)."""
    deadline = time.time() + timeout
    quiet = 0
    # Every page starts with a title; before it shows, the script has not really run yet.
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout * 1000)
    while time.time() < deadline:
        busy = page.locator('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]').count()
        quiet = quiet + 1 if busy == 0 else 0
        if quiet >= 4:
            return
        page.wait_for_timeout(250)
    raise AssertionError("the page kept running")


def demo_database(tmp_path_factory, name: str):
    """A fresh data directory with an initialised SQLite database holding the demo data."""
    from tracker.services.setup import initialise, load_demo
    from tracker.storage.database import Database

    data_dir = tmp_path_factory.mktemp(name)
    db = Database.at(f"sqlite:///{data_dir / 'tracker.db'}")
    initialise(db)
    load_demo(db)
    return data_dir, db


def sign_in(page, server: StreamlitServer, username: str, password: str) -> None:
    """Open the app and sign in through the sidebar form (Kazakh labels)."""
    page.goto(server.url)
    settle(page, 120)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("Пайдаланушы аты").fill(username)
    sidebar.get_by_label("Құпиясөз").fill(password)
    sidebar.get_by_role("button", name="Кіру").click()
    page.get_by_text("Кірген:").wait_for(timeout=30_000)
    settle(page)


def go(page, title: str) -> None:
    """Open a page from the sidebar menu."""
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    settle(page)
