"""fetch_geokz against a local HTTP server on 127.0.0.1; no test touches the internet."""

import functools
import http.server
import socket
import threading
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from tracker.geo.boundaries import read_boundaries
from tracker.geo.download import GEOKZ_URL, fetch_geokz

NAME = "kaz_admbnda_adm2_2024"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    # A proxy from the environment would send 127.0.0.1 requests elsewhere.
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture
def served(tmp_path):
    """A folder served over HTTP at 127.0.0.1, holding a small valid district shapefile."""
    root = tmp_path / "server"
    root.mkdir()
    gpd.GeoDataFrame(
        {"KATO": ["191000000", "191800000"]},
        geometry=[box(76.0, 43.0, 76.5, 43.5), box(76.5, 43.0, 77.0, 43.5)],
        crs="EPSG:4326",
    ).to_file(root / f"{NAME}.shp", encoding="UTF-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def cache_files(cache: Path) -> set[str]:
    return {p.name for p in cache.iterdir()} if cache.exists() else set()


def test_default_url_is_the_geokz_district_shapefile():
    assert GEOKZ_URL.startswith("https://raw.githubusercontent.com/arodionoff/geokz/")
    assert GEOKZ_URL.endswith(f"inst/shape/{NAME}.shp")


def test_downloads_the_whole_shapefile_set_into_the_cache(served, tmp_path):
    root, base = served
    cache = tmp_path / "cache" / "geokz"
    path = fetch_geokz(cache, url=f"{base}/{NAME}.shp")
    assert path == cache / f"{NAME}.shp"
    assert cache_files(cache) == {f"{NAME}{s}" for s in (".shp", ".shx", ".dbf", ".prj", ".cpg")}
    for f in cache.iterdir():
        assert f.read_bytes() == (root / f.name).read_bytes()
    assert list(read_boundaries(path)["kato"]) == ["191000000", "191800000"]


def test_missing_prj_and_cpg_are_tolerated_and_stale_ones_removed(served, tmp_path):
    root, base = served
    (root / f"{NAME}.prj").unlink()
    (root / f"{NAME}.cpg").unlink()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"{NAME}.prj").write_text('PROJCS["from an older download"]')
    path = fetch_geokz(cache, url=f"{base}/{NAME}.shp")
    assert path is not None
    assert cache_files(cache) == {f"{NAME}.shp", f"{NAME}.shx", f"{NAME}.dbf"}
    assert read_boundaries(path).crs.equals("EPSG:4326")


def test_missing_dbf_gives_none_and_leaves_the_old_cache_alone(served, tmp_path):
    root, base = served
    (root / f"{NAME}.dbf").unlink()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"{NAME}.shp").write_bytes(b"previous good copy")
    assert fetch_geokz(cache, url=f"{base}/{NAME}.shp") is None
    assert cache_files(cache) == {f"{NAME}.shp"}
    assert (cache / f"{NAME}.shp").read_bytes() == b"previous good copy"


def test_html_page_instead_of_a_shapefile_gives_none(served, tmp_path):
    root, base = served
    (root / f"{NAME}.shp").write_text("<html><body>Log in to the hotel Wi-Fi</body></html>")
    cache = tmp_path / "cache"
    assert fetch_geokz(cache, url=f"{base}/{NAME}.shp") is None
    assert cache_files(cache) == set()


def test_a_single_geojson_file_is_fetched_alone(served, tmp_path):
    root, base = served
    read_boundaries(root / f"{NAME}.shp").to_file(root / "districts.geojson")
    cache = tmp_path / "cache"
    path = fetch_geokz(cache, url=f"{base}/districts.geojson")
    assert path == cache / "districts.geojson"
    assert cache_files(cache) == {"districts.geojson"}
    assert len(read_boundaries(path)) == 2


def test_refused_connection_gives_none(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert fetch_geokz(tmp_path / "cache", url=f"http://127.0.0.1:{port}/{NAME}.shp") is None
    assert cache_files(tmp_path / "cache") == set()


def test_silent_server_gives_none_after_the_timeout(tmp_path):
    # A server that never answers: without the timeout this would wait for ever (and pytest-timeout
    # would end the run); with it the download gives up and the caller gets None.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the connection in the kernel, never answers
        port = listener.getsockname()[1]
        result = fetch_geokz(tmp_path / "cache", timeout=0.3, url=f"http://127.0.0.1:{port}/{NAME}.shp")
    assert result is None
