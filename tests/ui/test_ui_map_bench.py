"""`tracker bench` runs end to end on a small set and prints the figures a script can check.

Speed itself is never asserted here: the bench is where speed lives.
"""

import json

from click.testing import CliRunner

from tracker.cli import main

KEYS = {
    "objects",
    "map_build_s",
    "map_html_mb",
    "naive_build_s",
    "naive_html_mb",
    "naive_extrapolated_from",
    "speedup",
    "rollup_s",
    "assign_s",
    "generate_s",
    "overview_apptest_s",
    "map_page_apptest_s",
}


def test_bench_prints_one_json_object_with_the_figures():
    result = CliRunner().invoke(main, ["bench", "--objects", "500", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)  # exactly one JSON object, nothing else
    assert figures.keys() >= KEYS
    assert figures["objects"] == 500 and figures["map_page_objects"] == 500
    assert figures["naive_extrapolated_from"] is None  # 500 objects: the naive map ran in full
    assert figures["speedup"] == figures["naive_build_s"] / figures["map_build_s"]
    assert all(figures[k] > 0 for k in KEYS - {"naive_extrapolated_from", "objects"})


def test_bench_table_says_when_the_naive_figure_is_extrapolated(monkeypatch):
    import tracker.bench.timing as bench

    monkeypatch.setattr(bench, "NAIVE_SAMPLE", 100)
    result = CliRunner().invoke(
        main, ["bench", "--objects", "300", "--naive-max-seconds", "0", "--no-pages"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "extrapolated linearly from 100 objects" in result.output
    assert "naive ÷ ours" in result.output and "targets:" in result.output
