"""A real `streamlit run serve.py` (the app and its cookie routes) on a free port with its own data
directory, for browser tests."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.browser import DEADLINE_S

REPO = Path(__file__).resolve().parents[2]


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
        self.log = open(data_dir / "streamlit.log", "w")  # noqa: SIM115 (open for the server's whole life)
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

    def _wait(self, timeout: float = DEADLINE_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {(self.data_dir / 'streamlit.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)  # the port is not open yet: ask again
        raise RuntimeError("streamlit did not become healthy in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def demo_database(tmp_path_factory, name: str):
    """A fresh data directory with an initialised SQLite database holding the demo data."""
    from tracker.services.setup import initialise, load_demo
    from tracker.storage.database import Database

    data_dir = tmp_path_factory.mktemp(name)
    db = Database.at(f"sqlite:///{data_dir / 'tracker.db'}")
    initialise(db)
    load_demo(db)
    return data_dir, db
