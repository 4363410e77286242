"""Two `streamlit run` replicas on one PostgreSQL: a save made anywhere shows in both."""

import base64
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import missing
from tracker.domain.enums import Stage
from tracker.ops.replicas import Replica, free_port, load_page
from tracker.services.actor import SYSTEM
from tracker.services.facilities import update_facility
from tracker.services.handoff import CLAIM_PATH, SIGN_OUT_PATH
from tracker.storage.database import Database
from tracker.storage.engine import make_engine
from tracker.storage.unit_of_work import reading

# pytest-xdist --dist loadgroup: one worker owns the cluster the fault tests restart, and its two replicas.
pytestmark = pytest.mark.xdist_group("own_cluster")


def _digest(view) -> str:
    content = view.map_content() or ""
    return content.split("\n", 1)[0]


def _wait_for(replica: Replica, session: str, old: str, tries: int = 20) -> tuple[int, float]:
    """Reload the map in the same session (a visitor's rerun) until its objects differ from ``old``."""
    began = time.monotonic()
    for attempt in range(1, tries + 1):
        view = replica.view("map", session)
        assert view.ready and not view.exceptions(), view.exceptions()
        if _digest(view) not in ("", old):
            return attempt, time.monotonic() - began
    raise AssertionError(f"the saved stage did not show on {replica.name} after {tries} reloads")


def test_a_save_shows_on_every_replica_at_the_next_rerun(scale_demo, two_replicas, record_property, capsys):
    first, second = two_replicas
    # Each replica has rendered the map once and cached it under the current data version.
    sessions = {}
    for replica in two_replicas:
        view = replica.view("map")
        assert view.ready and view.map_content(), view.exceptions()
        sessions[replica.name] = view.session_id

    engine = make_engine(scale_demo)
    try:
        with reading(engine) as store:
            store_objects = store.facilities.all()
            before = store.data_version()
        target = next(f for f in store_objects if f.model.stage is Stage.PLANNED)
        old = {replica.name: _digest(replica.view("map", sessions[replica.name])) for replica in two_replicas}
        assert all(old.values())
        update_facility(
            Database(engine),
            SYSTEM,
            target.model.id,
            {"stage": Stage.DESIGN_ESTIMATE},
            target.version,
            comment="replica visibility test",
        )
        with reading(engine) as store:
            assert store.data_version() == before + 1
    finally:
        engine.dispose()

    figures = {}
    for replica in (second, first):
        reloads, seconds = _wait_for(replica, sessions[replica.name], old[replica.name])
        # The data version is read on every rerun, so the very next page already shows it.
        assert reloads == 1
        figures[replica.name] = round(seconds, 2)
    record_property("replica_visibility_s", figures)
    with capsys.disabled():
        print(f"\n[scale] a save showed on the replicas' next page load after (s): {figures}")


def test_both_replicas_serve_the_same_numbers(two_replicas):
    views = [replica.view() for replica in two_replicas]
    assert all(v.ready and not v.exceptions() for v in views), [v.exceptions() for v in views]
    assert views[0].metrics() == views[1].metrics() != {}


def _post(url: str, path: str, body: bytes) -> int:
    host = url.split("//", 1)[1]
    request = urllib.request.Request(
        f"{url}{path}",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Origin": f"http://{host}", "Host": host},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_every_replica_serves_the_session_cookie_routes(two_replicas):
    # The real entry point (serve.py) answers sign-in and sign-out itself; the pages alone would not.
    for replica in two_replicas:
        assert _post(replica.url, CLAIM_PATH, b'{"code": "no-such-code"}') == 410, replica.name
        assert _post(replica.url, SIGN_OUT_PATH, b"") == 204, replica.name


# --- behind nginx, with the configuration shipped in deploy/nginx -----------------------------

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
NGINX_MAIN = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    log_format route '$cookie_tracker_route $upstream_addr $status';
    access_log {tmp}/access.log route;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{upstream}
    server {{
        listen 127.0.0.1:{port};
{locations}
    }}
}}
"""


@pytest.fixture(scope="module")
def proxy(two_replicas, tmp_path_factory):
    """nginx on a loopback port with deploy/nginx's upstream and locations, TLS left out."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        missing("nginx is not installed (apt-get install nginx-light)")
    tmp = tmp_path_factory.mktemp("nginx")
    servers = iter(two_replicas)
    upstream = re.sub(
        r"server 127\.0\.0\.1:\d+",
        lambda _m: f"server 127.0.0.1:{next(servers).port}",
        (DEPLOY / "tracker-upstream.conf").read_text(),
    )
    port = free_port()
    (tmp / "nginx.conf").write_text(
        NGINX_MAIN.format(
            tmp=tmp, port=port, upstream=upstream, locations=(DEPLOY / "tracker-locations.conf").read_text()
        )
    )
    proc = subprocess.Popen(
        [nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()) from None
            time.sleep(0.1)
    yield url, tmp / "access.log"
    proc.terminate()
    proc.wait(10)


def _route_cookie(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(f"{url}/", timeout=30) as reply:
        cookie = reply.headers["Set-Cookie"]
    value = cookie.split(";")[0]
    return value, cookie


def test_proxy_gives_each_browser_a_route_and_keeps_it_on_one_replica(proxy, two_replicas):
    url, log = proxy
    first, header = _route_cookie(url)
    assert first.startswith("tracker_route=") and "HttpOnly" in header and "Secure" in header
    # A browser that has the cookie is not given another one.
    request = urllib.request.Request(f"{url}/", headers={"Cookie": first})
    with urllib.request.urlopen(request, timeout=30) as reply:
        assert reply.headers["Set-Cookie"] is None

    # A visitor's session lives on one replica; it carries on through the proxy...
    view = load_page(url, "map", headers={"Cookie": first})
    for _ in range(2):
        again = load_page(url, "map", view.session_id, headers={"Cookie": first})
        assert again.ready and again.session_id == view.session_id and again.map_content()
    # ...because every request of a browser reaches the same replica, whatever it asks for.
    for cookie in [_route_cookie(url)[0] for _ in range(24)]:
        for path in ("/", "/_stcore/health", "/_stcore/host-config", "/map"):
            urllib.request.urlopen(urllib.request.Request(url + path, headers={"Cookie": cookie}), timeout=30)
    routes: dict[str, set[str]] = {}
    for line in log.read_text().splitlines():
        route, upstream, _status = line.split()
        if route != "-":
            routes.setdefault(route, set()).add(upstream)
    assert all(len(upstreams) == 1 for upstreams in routes.values()), routes
    used = set().union(*routes.values())
    assert used == {f"127.0.0.1:{r.port}" for r in two_replicas}  # and both replicas get browsers


def test_proxy_passes_the_websocket_upgrade(proxy):
    url, _log = proxy
    host, port = url.removeprefix("http://").split(":")
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(
            (
                f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                "Sec-WebSocket-Protocol: streamlit\r\n\r\n"
            ).encode()
        )
        status = sock.recv(1024).split(b"\r\n")[0]
    assert status.startswith(b"HTTP/1.1 101"), status
