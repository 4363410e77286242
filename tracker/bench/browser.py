"""``tracker bench --browser``: the live map page in Debian Chromium against ``streamlit run`` on
loopback, on the national synthetic set, beside two file baselines (naive folium, FastMarkerCluster)
and the standalone export, in one run. Speed is measured here, never asserted in tests.

Figures (``--json`` keys): ``live_first_draw_cold_s`` (first view after the server starts and has
warmed up, ``server_ready_s`` after the process start), ``live_first_draw_at_start_s`` (first view
opened the moment the server answers, ``server_healthy_s``: it waits for the warm-up under way),
``live_first_draw_s`` (warm), ``live_filter_s`` (median in-page redraw after a filter click) and
``live_filter_click_s`` (click to redrawn as Playwright sees it), ``filter_ws_bytes`` (websocket bytes
after the clicks), ``ws_bytes_per_object`` (payload of the websocket messages of one view ÷ objects) and
``ws_bytes_per_object_deflated`` (the same messages deflated one by one, what permessage-deflate sends
at most), ``js_heap_mb``, ``rss_per_session_mb`` (server RSS growth per extra open map),
``rss_first_map_mb`` (growth on the first map view: imports, the one shared layer),
``cached_layer_mb`` (what the shared layer holds), ``after_save_first_draw_s``, ``export_map_mb``,
``export_map_draw_s``, ``naive_file_*`` and ``fast_cluster_file_*``.
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from pathlib import Path

from tracker.config import child_environment

#: The one list of Chromium's launch arguments, for the bench and the browser tests (tests/e2e/conftest.py).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FRAME = 'iframe[title="tracker.ui.components.live_map.livemap"]'
MB = 1_000_000
NAIVE_SAMPLE = 5_000
TARGETS = {
    "live_first_draw_s": 2.0,
    "live_first_draw_cold_s": 3.0,
    "after_save_first_draw_s": 3.0,
    "live_filter_s": 0.15,
    "ws_bytes_per_object": 15.0,
    "rss_per_session_mb": 5.0,
    "export_map_mb": 2.5,
    "export_map_draw_s": 3.0,
}


def launch_chromium(playwright, executable: str):
    """Debian's Chromium through Playwright (no ``playwright install``), with `CHROMIUM_ARGS`."""
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1000
    return float("nan")


class Server:
    """``streamlit run serve.py`` on a free loopback port over a data directory, websocket compression on."""

    def __init__(self, data_dir: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = child_environment(
            {
                "TRACKER_DATA_DIR": str(data_dir),
                "TRACKER_DATABASE_URL": "",
                "TRACKER_BOUNDARIES_DOWNLOAD": "false",
                "TRACKER_DEMO_ON_EMPTY": "false",
            }
        )
        app = Path(__file__).resolve().parents[2] / "serve.py"
        self.log = open(data_dir / "bench-streamlit.log", "w")  # noqa: SIM115 (closed in stop())
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(self.port)]
            + ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
            + ["--server.enableWebsocketCompression", "true", "--server.fileWatcherType", "none"],
            cwd=app.parent,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait("/_stcore/health")
        self.healthy_s = time.perf_counter() - started
        self._started = started

    def _wait(self, path: str) -> None:
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}{path}", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"streamlit did not answer {path}")

    def wait_ready(self) -> float:
        """Seconds from the process start until its warm-up is done (``serve.py``'s readiness route)."""
        self._wait("/_tracker/ready")
        return time.perf_counter() - self._started

    def rss_mb(self) -> float:
        return _rss_mb(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def _open_map(browser, url: str, viewport=(1400, 1000)) -> dict:
    """Open the map in a new context; seconds to objects drawn and the websocket payloads."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    frames: list[bytes] = []

    def received(payload) -> None:
        frames.append(payload if isinstance(payload, bytes) else payload.encode())

    page.on("websocket", lambda ws: ws.on("framereceived", received))
    start = time.perf_counter()
    page.goto(url)
    page.frame_locator(FRAME).locator("#root[data-shown]").wait_for(state="attached", timeout=300_000)
    drawn = time.perf_counter() - start
    return {"context": context, "page": page, "frames": frames, "draw_s": drawn}


def _js_heap_mb(page) -> float:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return metrics.get("JSHeapUsedSize", float("nan")) / MB


def _filters(view: dict) -> dict:
    """Three filter clicks: the in-page redraw time, click to redrawn, and websocket bytes after."""
    page = view["page"]
    frame = page.frame_locator(FRAME)
    handle = next(f for f in page.frames if "live_map.livemap" in f.url)
    page.wait_for_timeout(2000)
    before = len(view["frames"])
    in_page, clicks = [], []
    for selector in ('button.lm-chip[data-stage="5"]', 'button.lm-chip[data-stage="3"]', "input[data-key=overdue]"):
        renders = frame.locator("#root").get_attribute("data-renders")
        start = time.perf_counter()
        frame.locator(selector).click()
        frame.locator(f'#root:not([data-renders="{renders}"])').wait_for(state="attached", timeout=60_000)
        clicks.append(time.perf_counter() - start)
        in_page.append(int(handle.evaluate("() => document.getElementById('root').dataset.redrawMs")) / 1000)
        page.wait_for_timeout(1500)
    after = view["frames"][before:]
    return {
        "live_filter_s": statistics.median(in_page),
        "live_filter_click_s": statistics.median(clicks),
        "filter_ws_bytes": sum(len(f) for f in after),
        "filter_ws_messages": len(after),
    }


def _file_draw_s(browser, path: Path, selector: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(path.as_uri(), timeout=300_000)
    page.locator(selector).first.wait_for(state="attached", timeout=300_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def _blank_map(folium):
    """A map with no basemap but a zoom range (MarkerCluster refuses a map without maxZoom)."""
    fmap = folium.Map(location=(48.0, 67.0), zoom_start=5, tiles=None)
    folium.TileLayer(tiles="data:,{z}{x}{y}", attr="no basemap", max_zoom=18, control=False).add_to(fmap)
    return fmap


def _baselines(browser, db, tmp: Path) -> dict:
    """Naive folium (a Marker per object, on a sample) and FastMarkerCluster, as offline files."""
    import folium
    from folium.plugins import FastMarkerCluster, MarkerCluster

    from tracker.maps.offline import make_offline
    from tracker.storage.map_queries import live_rows

    with db.read() as store:
        frame = live_rows(store.conn)
    n = len(frame)
    out = {}
    sample = frame.iloc[:NAIVE_SAMPLE]
    naive = _blank_map(folium)
    cluster = MarkerCluster().add_to(naive)
    for stage, lat, lon in zip(sample["stage"], sample["lat"], sample["lon"]):
        # A tooltip, not a popup: folium's popups need jQuery, which an offline file does not carry.
        folium.Marker([lat, lon], tooltip=str(stage)).add_to(cluster)
    path = tmp / "naive.html"
    make_offline(naive, plugins=("markercluster",)).save(str(path))
    out["naive_file_objects"] = len(sample)
    out["naive_file_mb"] = path.stat().st_size / MB
    out["naive_file_draw_s"] = _file_draw_s(browser, path, ".marker-cluster, .leaflet-marker-icon")
    fast = _blank_map(folium)
    # Leaflet's plain marker: the default callback needs the AwesomeMarkers plugin from a CDN.
    plain = "function (row) { return L.marker(new L.LatLng(row[0], row[1])); }"
    FastMarkerCluster(list(zip(frame["lat"].round(5), frame["lon"].round(5))), callback=plain).add_to(fast)
    path = tmp / "fast.html"
    make_offline(fast, plugins=("markercluster",)).save(str(path))
    out["fast_cluster_file_objects"] = n
    out["fast_cluster_file_mb"] = path.stat().st_size / MB
    out["fast_cluster_file_draw_s"] = _file_draw_s(browser, path, ".marker-cluster")
    return out


def _national_db(data_dir: Path, objects: int):
    from tracker.services.setup import initialise, load_demo, load_national_demo
    from tracker.storage.database import Database

    db = Database.at(f"sqlite:///{data_dir / 'tracker.db'}")
    initialise(db)
    load_demo(db)
    load_national_demo(db, objects)
    return db


def _save_one(db) -> None:
    """A save as an editor makes it: one object moves one stage on."""
    from sqlalchemy import select

    from tracker.domain.enums import Stage
    from tracker.services.actor import SYSTEM
    from tracker.services.facilities import update_facility
    from tracker.storage.tables import facilities

    with db.read() as store:
        fid, version = store.conn.execute(
            select(facilities.c.id, facilities.c.version).where(facilities.c.stage == "planned")
        ).first()
    update_facility(db, SYSTEM, fid, {"stage": Stage.DESIGN_ESTIMATE}, version, comment="bench: one save")


def run_browser_bench(
    objects: int, data_dir: Path | None = None, sessions: int = 4, chromium: str = "/usr/bin/chromium"
) -> dict:
    """Every figure of ``tracker bench --browser`` as one dict (see the module's docstring)."""
    from playwright.sync_api import sync_playwright

    from tracker.services import exports
    from tracker.services.live_map import LiveStore
    from tracker.storage.queries import districts_frame

    with tempfile.TemporaryDirectory(prefix="tracker-bench-browser-") as tmp_name:
        tmp = Path(tmp_name)
        folder = data_dir or tmp
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        db = _national_db(folder, objects)
        result: dict = {"db_load_s": time.perf_counter() - start}
        with db.read() as store:
            katos = sorted(districts_frame(store.conn)["kato"])
            version = store.data_version()
        store = LiveStore(db, katos)
        start = time.perf_counter()
        layer = store.layer(version, _today())
        result["server_cold_read_s"] = time.perf_counter() - start
        result["objects"] = layer.count
        result["cached_layer_mb"] = store.memory_bytes() / MB
        server = Server(folder)
        try:
            with sync_playwright() as pw:
                browser = launch_chromium(pw, chromium)
                # A viewer arriving the moment the server answers shares its warm-up.
                at_start = _open_map(browser, f"{server.url}/map")
                result["live_first_draw_at_start_s"] = at_start["draw_s"]
                result["server_healthy_s"] = server.healthy_s
                at_start["context"].close()
                server.stop()
                server = Server(folder)
                result["server_ready_s"] = server.wait_ready()
                result["rss_server_start_mb"] = server.rss_mb()
                cold = _open_map(browser, f"{server.url}/map")
                result["live_first_draw_cold_s"] = cold["draw_s"]
                result["rss_first_map_mb"] = server.rss_mb() - result["rss_server_start_mb"]  # after the warm-up
                cold["context"].close()
                warm = _open_map(browser, f"{server.url}/map")
                result["live_first_draw_s"] = warm["draw_s"]
                payload = warm["frames"]
                result["ws_messages"] = len(payload)
                result["ws_bytes_per_object"] = sum(len(f) for f in payload) / layer.count
                result["ws_bytes_per_object_deflated"] = sum(len(zlib.compress(f, 6)) for f in payload) / layer.count
                result |= _filters(warm)
                result["js_heap_mb"] = _js_heap_mb(warm["page"])
                rss = server.rss_mb()
                extra = [_open_map(browser, f"{server.url}/map") for _ in range(sessions)]
                extra[-1]["page"].wait_for_timeout(3000)
                result["rss_per_session_mb"] = (server.rss_mb() - rss) / sessions
                result["rss_sessions_total_mb"] = server.rss_mb()
                for view in extra:
                    view["context"].close()
                _save_one(db)
                after = _open_map(browser, f"{server.url}/map")
                result["after_save_first_draw_s"] = after["draw_s"]
                phone = _open_map(browser, f"{server.url}/map", viewport=(390, 844))
                result["phone_first_draw_s"] = phone["draw_s"]
                after["context"].close()
                phone["context"].close()
                start = time.perf_counter()
                export = exports.export_map(db, "kk")
                result["export_map_build_s"] = time.perf_counter() - start
                path = tmp / export.filename
                path.write_bytes(export.data)
                result["export_map_mb"] = len(export.data) / MB
                result["export_map_draw_s"] = _file_draw_s(browser, path, "#root[data-ready]")
                result |= _baselines(browser, db, tmp)
                browser.close()
        finally:
            server.stop()
            db.dispose()
    result["load_average"] = os.getloadavg()[0]
    result["targets_met"] = {k: result[k] <= limit for k, limit in TARGETS.items()}
    return result


def _today():
    from tracker.domain import calendar

    return calendar.today()


def table(r: dict) -> str:
    """The browser figures as a readable table."""
    met = r["targets_met"]

    def line(label: str, key: str, unit: str = "s", digits: int = 2) -> str:
        mark = "" if key not in met else ("  ok" if met[key] else "  over target")
        return f"{label:54}{r[key]:>10.{digits}f} {unit}{mark}"

    return "\n".join(
        [
            f"tracker bench --browser: {r['objects']:,} objects (labelled synthetic demo), Chromium, "
            f"streamlit run on loopback; load average {r['load_average']:.1f}",
            "",
            line("objects drawn, warm server", "live_first_draw_s"),
            line("objects drawn, cold server (first view once warmed)", "live_first_draw_cold_s"),
            line("objects drawn, first view the moment the server answers", "live_first_draw_at_start_s"),
            line("server start → answering", "server_healthy_s"),
            line("server start → warmed up (pages imported, map data read)", "server_ready_s"),
            line("objects drawn, first view after a save", "after_save_first_draw_s"),
            line("objects drawn at 390×844", "phone_first_draw_s"),
            line("filter click: redraw in the page (median)", "live_filter_s", digits=3),
            line("filter click: click to redrawn, as the browser driver sees it", "live_filter_click_s", digits=3),
            line("websocket bytes after three filter clicks", "filter_ws_bytes", "B", 0),
            line("websocket payload per object (one view)", "ws_bytes_per_object", "B", 1),
            line("  deflated (websocket compression on)", "ws_bytes_per_object_deflated", "B", 1),
            line("JS heap of the map page", "js_heap_mb", "MB", 1),
            line("server RSS per extra open map", "rss_per_session_mb", "MB", 1),
            line("server RSS growth on the first map view", "rss_first_map_mb", "MB", 1),
            line("shared cached layer (rows + packed)", "cached_layer_mb", "MB", 1),
            line("cold read of the drawn columns in the server", "server_cold_read_s"),
            line("export map: file size", "export_map_mb", "MB"),
            line("export map: drawn in Chromium", "export_map_draw_s"),
            line("export map: built", "export_map_build_s"),
            "",
            f"baseline files: naive folium, {r['naive_file_objects']:,} objects (a Marker each): "
            f"{r['naive_file_mb']:.1f} MB, drawn {r['naive_file_draw_s']:.1f} s; FastMarkerCluster, "
            f"{r['fast_cluster_file_objects']:,} objects: {r['fast_cluster_file_mb']:.1f} MB, drawn "
            f"{r['fast_cluster_file_draw_s']:.1f} s",
        ]
    )
