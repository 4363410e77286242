"""``tracker bench``: the progress map, the district roll-up and the overview page at national
scale, against the naive folium map, on one synthetic data set in one run.

The command imports the measuring code (`tracker.bench.timing`: folium, pandas, geopandas) only
when it runs, so that the other ``tracker`` commands start quickly.
"""

import json
from pathlib import Path

import click


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def table(r: dict) -> str:
    """The figures as a readable table with ratios against the naive map."""
    naive_note = (
        ""
        if r["naive_extrapolated_from"] is None
        else f"  (extrapolated linearly from {r['naive_extrapolated_from']:,} objects)"
    )
    met = r["targets_met"]
    lines = [
        f"tracker bench: {r['objects']:,} synthetic objects over all 224 districts (demo data), one run",
        "",
        f"{'':34}{'ours':>12}{'naive':>12}{'naive ÷ ours':>15}",
        f"{'map build + render to HTML, s':34}{r['map_build_s']:>12.3f}{r['naive_build_s']:>12.2f}"
        f"{r['speedup']:>14.0f}×",
        f"{'map HTML, MB':34}{r['map_html_mb']:>12.2f}{r['naive_html_mb']:>12.2f}{r['size_ratio']:>14.1f}×",
        "",
        "naive = one folium.Marker with a popup per object in a MarkerCluster" + naive_note,
        "ours  = objects as compact arrays drawn client-side (canvas, grid groups), districts "
        "coloured, legend; includes the district roll-up",
        "",
        f"district roll-up ({r['objects']:,} objects), s: {r['rollup_s']:.4f}",
        f"district of each object's point ({r['objects']:,} points in {r['boundaries']}), s: {r['assign_s']:.3f}",
        f"synthetic data generated in {r['generate_s']:.1f} s; district shapes ({r['boundaries']}) "
        f"simplified in {r['shapes_s']:.2f} s (once per data version)",
    ]
    if "overview_apptest_s" in r:
        lines += [
            f"national set loaded into SQLite in {r['db_load_s']:.1f} s",
            f"overview page under AppTest, s: first run {r['overview_apptest_s']:.2f}, "
            f"again {r['overview_apptest_warm_s']:.2f}",
            f"map page under AppTest (whole country, {r['map_page_objects']:,} objects), s: first run "
            f"{r['map_page_apptest_s']:.2f}, again {r['map_page_apptest_warm_s']:.2f}",
        ]
    lines += [
        "",
        f"targets: map ≤ 1 s {_yes(met['map_build_s'])}; ≤ 3 MB {_yes(met['map_html_mb'])}; "
        f"≥ 100× faster than naive {_yes(met['speedup'])}; roll-up ≤ 100 ms {_yes(met['rollup_s'])}; "
        f"points to districts ≤ 1 s {_yes(met['assign_s'])}",
    ]
    return "\n".join(lines)


@click.command("bench")
@click.option(
    "--objects",
    type=click.IntRange(1, 200_000),
    default=50_000,
    show_default=True,
    help="How many synthetic objects (the set of `tracker demo --scale national`).",
)
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object instead of the table.")
@click.option(
    "--naive-max-seconds",
    type=click.FloatRange(0),
    default=180.0,
    show_default=True,
    help="Run the naive map on every object when a 5,000-object sample predicts it ends within "
    "this; otherwise extrapolate linearly from the sample (said in the output).",
)
@click.option("--no-pages", is_flag=True, help="Skip the database load and the AppTest page timings.")
@click.option(
    "--boundaries",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="District polygons to draw (any file geopandas reads); default: the approximate areas.",
)
@click.option(
    "--browser",
    is_flag=True,
    help="Measure the live map page in Chromium against `streamlit run` (see tracker/bench/browser.py).",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="--browser: keep the national database here (reused when it already holds the set).",
)
@click.option(
    "--chromium",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("/usr/bin/chromium"),
    show_default=True,
    help="--browser: the Chromium to drive (Debian's; never a downloaded one).",
)
def bench(
    objects: int,
    as_json: bool,
    naive_max_seconds: float,
    no_pages: bool,
    boundaries: Path | None,
    browser: bool,
    data_dir: Path | None,
    chromium: Path,
) -> None:
    """Time the progress map against the naive folium map, the district roll-up and the pages.

    With --json the keys are: objects, map_build_s, map_html_mb, naive_build_s, naive_html_mb,
    naive_extrapolated_from (null or the sample size), speedup (naive_build_s ÷ map_build_s),
    rollup_s, assign_s, generate_s, overview_apptest_s, map_page_apptest_s and more. With --browser: live_first_draw_s,
    live_first_draw_cold_s, live_filter_s, ws_bytes_per_object, js_heap_mb, rss_per_session_mb,
    after_save_first_draw_s, export_map_mb, export_map_draw_s and the file baselines.
    """
    if browser:
        from tracker.bench.browser import run_browser_bench
        from tracker.bench.browser import table as browser_table

        figures = run_browser_bench(objects, data_dir, chromium=str(chromium))
        click.echo(json.dumps(figures, ensure_ascii=False) if as_json else browser_table(figures))
        return
    from tracker.bench.timing import run_bench

    try:
        result = run_bench(objects, naive_max_seconds, pages=not no_pages, boundaries=boundaries)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(result, ensure_ascii=False) if as_json else table(result))
