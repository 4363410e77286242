"""Streamlit replicas on one database, and a browserless client that loads their pages.

A replica is an ordinary ``streamlit run serve.py`` process (the pages and the session
cookie's routes, as served in production) bound to 127.0.0.1. Every replica reads the
``data_version`` row on each rerun and keys its caches on it (``tracker/ui/context.py``), so a
write committed through any replica, or through the services directly, shows in the next page
any replica renders. Sticky sessions are the reverse proxy's job (``deploy/nginx/``).

Pages are loaded without a browser through Streamlit's agent API
(``POST /_stcore/agent/interact``, on only when a replica is started with ``agent_api=True``):
the replica runs the page script exactly as for a browser session and answers with the finished
element tree, so a viewer here costs the server what a person opening the page costs.
"""

import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.config import child_environment

_REPO = Path(__file__).resolve().parents[2]
#: What a replica runs where the repository's own files are not at hand (an installed package):
#: the pages, and the entry point that serves them with the session cookie's routes (``serve.py``).
_LAUNCHERS = {
    "streamlit_app.py": '"""Entry point written by tracker.ops.replicas."""\nfrom tracker.ui.app import run\n\nrun()\n',
    "serve.py": '"""Entry point written by tracker.ops.replicas: the pages and the cookie routes."""\n'
    "from streamlit.starlette import App\n\nfrom tracker.web.cookies import ROUTES\n\n"
    'app = App("streamlit_app.py", routes=ROUTES)\n',
}
FOLIUM_COMPONENT = "streamlit_folium.st_folium"
LIVE_COMPONENT = "tracker.ui.components.live_map.livemap"


class ReplicaError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _entry_point(workdir: Path) -> Path:
    """``serve.py``: the real entry point, with the routes that set and clear the session cookie."""
    if all((_REPO / name).exists() for name in _LAUNCHERS):
        return _REPO / "serve.py"
    for name, text in _LAUNCHERS.items():
        (workdir / name).write_text(text, encoding="utf-8")
    return workdir / "serve.py"


class Replica:
    """One ``streamlit run`` of the tracker against ``database_url``, on a loopback port."""

    def __init__(
        self,
        database_url: str | None,
        port: int | None = None,
        data_dir: Path | None = None,
        agent_api: bool = False,
        name: str = "replica",
        env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
    ):
        """``database_url`` None: the SQLite file in ``data_dir``; ``env`` and ``args`` add to the
        child's environment and to the ``streamlit run`` options."""
        self.database_url = database_url
        self.env = env or {}
        self.args = args
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir or Path(tempfile.mkdtemp(prefix="tracker-replica-"))
        self.agent_api = agent_api
        self.name = name
        self.log_path = self.data_dir / f"{name}-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, wait: float = 120) -> "Replica":
        env = child_environment(
            {
                "TRACKER_DATABASE_URL": self.database_url or "",
                "TRACKER_DATA_DIR": str(self.data_dir),
                "TRACKER_BOUNDARIES_DOWNLOAD": "false",
                "TRACKER_DEMO_ON_EMPTY": "false",
            }
            | self.env
        )
        script = _entry_point(self.data_dir)
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--server.runOnSave",
            "false",
        ]
        if self.agent_api:
            cmd += ["--server.enableAgentApi", "true", "--server.agentSessionTTL", "120"]
        cmd += self.args
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=script.parent, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        if wait:
            self.wait_healthy(wait)
        return self

    @property
    def pid(self) -> int:
        if self.proc is None:
            raise ReplicaError(f"{self.name} was not started")
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def healthy(self, timeout: float = 5) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=timeout) as reply:
                return reply.status == 200
        except OSError:
            return False

    def wait_healthy(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise ReplicaError(f"{self.name} exited: {self.log_tail()}")
            if self.healthy(timeout=2):
                return
            time.sleep(0.3)
        raise ReplicaError(f"{self.name} was not healthy within {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def kill(self) -> None:
        """``kill -9``: no shutdown handlers, no goodbye to open sessions or connections."""
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)

    def stop(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def view(self, page: str | None = None, session_id: str | None = None, timeout: float = 120) -> "PageView":
        """Load ``page`` (its url path; None: the default page) as a visitor would."""
        return load_page(self.url, page, session_id, timeout=timeout)


@dataclass(frozen=True)
class PageView:
    """A page as a replica rendered it: the agent API's snapshot."""

    snapshot: dict[str, Any]

    @property
    def session_id(self) -> str:
        return self.snapshot["session_id"]

    @property
    def ready(self) -> bool:
        return self.snapshot.get("status") == "ready"

    def elements(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        stack = [self.snapshot.get("tree", {})]
        while stack:
            node = stack.pop()
            if kind is None or node.get("type") == kind:
                yield node
            stack.extend(reversed(node.get("children", [])))

    def texts(self, kind: str) -> list[str]:
        return [str(e.get("props", {}).get("body", "")) for e in self.elements(kind)]

    def metrics(self) -> dict[str, str]:
        return {e["props"]["label"]: e["props"]["value"] for e in self.elements("metric")}

    def exceptions(self) -> list[str]:
        return [json.dumps(e.get("props", {}), ensure_ascii=False)[:500] for e in self.elements("exception")]

    def map_content(self) -> str | None:
        """What the page's map ships to the browser, None if no map: the live map's arguments (the
        digest of its packed objects first) or a folium map's HTML and script."""
        for element in self.elements("components.v1.declare_component"):
            props = element.get("props", {})
            args = props.get("args") or {}
            if props.get("component_name") == LIVE_COMPONENT:
                shown = {k: v for k, v in args.items() if k != "blob"}
                return f"digest={args.get('digest', '')}\n" + json.dumps(shown, ensure_ascii=False, default=str)
            if props.get("component_name") == FOLIUM_COMPONENT:
                return f"{args.get('html', '')}\n{args.get('script', '')}"
        return None


def load_page(
    base_url: str,
    page: str | None = None,
    session_id: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 120,
) -> PageView:
    """Start (or rerun) a session on ``page`` and wait until the page has finished, as a browser
    waits however long the page takes (up to ``timeout``)."""
    body: dict[str, Any] = {}
    if page is not None:
        body["page"] = page
    if session_id is not None:
        body["session_id"] = session_id
    deadline = time.monotonic() + timeout
    while True:
        answer = _interact(base_url, body, headers, max(1.0, deadline - time.monotonic()))
        error = answer.get("error") or {}
        if error.get("code") != "wait_timed_out":
            if error:
                raise ReplicaError(f"{base_url}: {error.get('code')}: {error.get('message', '')[:300]}")
            return PageView(answer)
        if time.monotonic() > deadline:
            raise ReplicaError(f"{base_url}: the page took longer than {timeout:.0f} s")
        # The run goes on; a request naming only the session waits for that same run.
        body = {"session_id": answer["session_id"]}


def _interact(base_url: str, body: dict, headers: dict[str, str] | None, timeout: float) -> dict:
    request = urllib.request.Request(
        f"{base_url}/_stcore/agent/interact",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:500].decode("utf-8", "replace")
        raise ReplicaError(f"{base_url} answered {exc.code}: {detail}") from exc


def start_replicas(
    database_url: str, count: int, agent_api: bool = False, first_port: int | None = None, wait: float = 180
) -> list[Replica]:
    """Start ``count`` replicas at once (they share a data directory) and wait for all of them."""
    shared = Path(tempfile.mkdtemp(prefix="tracker-replicas-"))
    replicas = [
        Replica(
            database_url,
            port=(first_port + i) if first_port else None,
            data_dir=shared,
            agent_api=agent_api,
            name=f"replica{i + 1}",
        )
        for i in range(count)
    ]
    try:
        for replica in replicas:
            replica.start(wait=0)
        for replica in replicas:
            replica.wait_healthy(wait)
    except BaseException:
        stop_all(replicas)
        raise
    return replicas


def stop_all(replicas: list[Replica], timeout: float = 15) -> None:
    """Ask every replica to stop at once, then wait for each; a stubborn one is killed."""
    for replica in replicas:
        if replica.alive():
            replica.proc.terminate()
    for replica in replicas:
        if replica.proc is not None:
            try:
                replica.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                replica.kill()


def kill_all(replicas: list[Replica]) -> None:
    """``kill -9`` every replica: for throwaway replicas (tests, load tests) that hold nothing."""
    for replica in replicas:
        replica.kill()
