"""The measurements of ``tracker bench`` (see `tracker.bench`): the progress map, the district
roll-up and the pages at national scale, against the naive folium map, on one data set.

The map figures need no database: the objects are generated in memory with
`tracker.demo.generate_national` (the set ``tracker demo --scale national`` loads) and turned
into the frame `tracker.storage.queries.facilities_frame` returns. The page timings load the
same set into a temporary SQLite database and run the app under Streamlit's AppTest in a child
process (`tracker.bench.pages`). Speed is measured here, never asserted in tests.
"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import folium
import pandas as pd
from folium.plugins import MarkerCluster

from tracker.analytics.rollup import district_rollup
from tracker.config import child_environment
from tracker.demo import DEMO_AS_OF, generate_national
from tracker.domain.enums import Stage
from tracker.domain.facility import Facility
from tracker.geo.assign import assign_districts
from tracker.geo.boundaries import approximate_areas, read_boundaries
from tracker.geo.catalog import BOUNDARY_CREDIT, load_catalog
from tracker.i18n import display_name, label
from tracker.maps.base import KZ_CENTRE
from tracker.maps.choropleth import map_shapes
from tracker.maps.progress_map import MapInputs, build_progress_map
from tracker.maps.safe import safe_html
from tracker.storage.mapping import DISTRICT, FACILITY
from tracker.storage.queries import FACILITY_COLUMNS

TARGETS = {"map_build_s": 1.0, "map_html_mb": 3.0, "speedup": 100.0, "rollup_s": 0.1, "assign_s": 1.0}
NAIVE_SAMPLE = 5_000
MB = 1_000_000


def frame_of(facilities: Sequence[Facility]) -> pd.DataFrame:
    """Objects as the frame `facilities_frame` reads from the database (ids 1…n, version 1)."""
    rows = [FACILITY.to_row(f) | {"id": i, "version": 1} for i, f in enumerate(facilities, start=1)]
    frame = pd.DataFrame(rows, columns=FACILITY_COLUMNS)
    for kind in ("planned", "allocated", "contracted", "spent"):
        frame[f"budget_{kind}"] = pd.to_numeric(frame.pop(f"budget_{kind}_tiyn"), errors="coerce").astype(float) / 100
    return frame


def naive_map(frame: pd.DataFrame, lang: str = "kk") -> folium.Map:
    """The baseline: one ``folium.Marker`` with a popup (name, stage) per object, in a MarkerCluster."""
    fmap = folium.Map(location=KZ_CENTRE, zoom_start=5)
    cluster = MarkerCluster().add_to(fmap)
    stages = {s.value: safe_html(label(s, lang)) for s in Stage}
    for name, stage, lat, lon in zip(display_name(frame, lang), frame["stage"], frame["lat"], frame["lon"]):
        folium.Marker([lat, lon], popup=folium.Popup(f"{safe_html(name)}<br>{stages[stage]}")).add_to(cluster)
    return fmap


def _timed(build: Callable[[], folium.Map]) -> tuple[float, int]:
    start = time.perf_counter()
    html = build().get_root().render()
    return time.perf_counter() - start, len(html.encode())


def time_ours(frame: pd.DataFrame, inputs: MapInputs, today: date, repeat: int = 3) -> tuple[float, int]:
    """Median seconds of roll-up + build + render to HTML, and the HTML's bytes."""

    def build() -> folium.Map:
        rollup = district_rollup(frame, today)
        return build_progress_map(
            MapInputs(frame, inputs.shapes, inputs.districts, rollup, inputs.approximate, inputs.credit),
            "kk",
            "pct_done",
        )

    runs = [_timed(build) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), runs[-1][1]


def time_naive(frame: pd.DataFrame, max_seconds: float) -> dict:
    """The naive map on a sample; in full too when the sample predicts it ends within ``max_seconds``."""
    n = len(frame)
    sample = min(n, NAIVE_SAMPLE)
    seconds, size = _timed(lambda: naive_map(frame.iloc[:sample]))
    result = {"naive_sample": sample, "naive_sample_s": seconds, "naive_extrapolated_from": None}
    if sample == n:
        return result | {"naive_build_s": seconds, "naive_html_mb": size / MB}
    if seconds * n / sample <= max_seconds:
        full_s, full_size = _timed(lambda: naive_map(frame))
        return result | {"naive_build_s": full_s, "naive_html_mb": full_size / MB}
    # Linear: folium renders one template per marker.
    return result | {
        "naive_build_s": seconds * n / sample,
        "naive_html_mb": size * n / sample / MB,
        "naive_extrapolated_from": sample,
    }


def time_rollup(frame: pd.DataFrame, today: date, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        district_rollup(frame, today)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def time_assign(frame: pd.DataFrame, polygons, repeat: int = 3) -> float:
    """Median seconds to find the district of every object's point (the import's placement check)."""
    lats, lons = frame["lat"].to_numpy(), frame["lon"].to_numpy()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        assign_districts(lats, lons, polygons)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def time_pages(objects: int) -> dict:
    """Load the national set into a temporary SQLite file and time pages under AppTest."""
    from tracker.services.setup import initialise, load_national_demo
    from tracker.storage.database import Database

    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        db = Database.at(f"sqlite:///{Path(tmp) / 'tracker.db'}")
        start = time.perf_counter()
        initialise(db)
        load_national_demo(db, objects)
        loaded = time.perf_counter() - start
        db.dispose()
        env = child_environment(
            {
                "TRACKER_DATA_DIR": tmp,
                "TRACKER_DATABASE_URL": "",
                "TRACKER_BOUNDARIES_DOWNLOAD": "false",
                "TRACKER_DEMO_ON_EMPTY": "false",
            }
        )
        done = subprocess.run(
            [sys.executable, "-m", "tracker.bench.pages"], env=env, capture_output=True, text=True, timeout=1800
        )
        if done.returncode != 0:
            raise RuntimeError(f"AppTest timing failed: {done.stderr[-2000:]}")
        return {"db_load_s": loaded} | json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(
    objects: int, naive_max_seconds: float = 180.0, pages: bool = True, boundaries: Path | None = None
) -> dict:
    """Every figure of ``tracker bench`` as one dict (see the command's help)."""
    start = time.perf_counter()
    frame = frame_of(generate_national(load_catalog(), objects))
    generated = time.perf_counter() - start
    today = DEMO_AS_OF
    start = time.perf_counter()
    polygons = read_boundaries(boundaries) if boundaries else approximate_areas(load_catalog())
    shapes = map_shapes(polygons)
    shapes_s = time.perf_counter() - start
    districts = pd.DataFrame([DISTRICT.to_row(d) for d in load_catalog()])
    inputs = MapInputs(
        frame,
        shapes,
        districts,
        pd.DataFrame(),
        approximate=boundaries is None,
        credit=BOUNDARY_CREDIT if boundaries else "approximate areas",
    )
    # Warm-up: templates compiled, assets and catalogues read, once per process for both.
    time_ours(frame.iloc[:10], inputs, today, repeat=1)
    _timed(lambda: naive_map(frame.iloc[:10]))
    map_s, map_bytes = time_ours(frame, inputs, today)
    naive = time_naive(frame, naive_max_seconds)
    result = {
        "objects": len(frame),
        "map_build_s": map_s,
        "map_html_mb": map_bytes / MB,
        **naive,
        "speedup": naive["naive_build_s"] / map_s,
        "size_ratio": naive["naive_html_mb"] / (map_bytes / MB),
        "rollup_s": time_rollup(frame, today),
        "assign_s": time_assign(frame, polygons),
        "generate_s": generated,
        "shapes_s": shapes_s,
        "boundaries": boundaries.name if boundaries else "approximate areas",
        "today": today.isoformat(),
    }
    if pages:
        result |= time_pages(objects)
    result["targets_met"] = {
        key: (result[key] >= limit if key == "speedup" else result[key] <= limit) for key, limit in TARGETS.items()
    }
    return result
