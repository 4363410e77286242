"""Page timings for ``tracker bench``, run in a child process on the database the environment
names: the overview and the map (whole country) under Streamlit's AppTest, first run and again.

Prints one JSON line. A child process keeps Streamlit's caches and settings out of the bench.
"""

import json
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def _seconds(run) -> float:
    start = time.perf_counter()
    at = run()
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].value}")
    return time.perf_counter() - start


def main() -> None:
    at = AppTest.from_file(APP, default_timeout=900)
    result = {"overview_apptest_s": _seconds(at.run), "overview_apptest_warm_s": _seconds(at.run)}
    page = AppTest.from_file(APP, default_timeout=900)
    page._page_hash = calc_hash("map")  # pages are functions routed by URL path; the whole country
    result["map_page_apptest_s"] = _seconds(page.run)
    result["map_page_apptest_warm_s"] = _seconds(page.run)
    live = next(e for e in page.get("component_instance") if e.proto.component_name.endswith("livemap"))
    result["map_page_objects"] = json.loads(live.proto.json_args)["meta"]["n"]
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
