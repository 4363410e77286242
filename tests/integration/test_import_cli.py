"""`tracker import` / `tracker export` on the database TRACKER_DATABASE_URL names; exit codes 0, 1, 2."""

import pytest
from click.testing import CliRunner

from tests.unit.io import io_corpus as corpus
from tracker.cli import main
from tracker.config import get_settings
from tracker.storage.unit_of_work import reading


@pytest.fixture
def run(database_url, monkeypatch):
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    get_settings.cache_clear()


def _count(engine) -> int:
    with reading(engine) as store:
        return store.facilities.count()


def test_import_export_round_trip_and_exit_codes(run, engine, tmp_path):
    good = tmp_path / "talgar.csv"
    good.write_bytes(corpus.ru_csv("cp1251"))
    dry = run("import", "objects", good, "--dry-run")
    assert dry.exit_code == 0 and "encoding cp1251" in dry.output and "would write 3 new" in dry.output
    assert _count(engine) == 0
    done = run("import", "objects", good)
    assert done.exit_code == 0 and "3 new" in done.output and _count(engine) == 3

    exported = tmp_path / "objects.csv"
    assert run("export", "objects", "--format", "csv", "--output", exported).exit_code == 0
    again = run("import", "objects", exported)
    assert again.exit_code == 0 and "0 new, 0 updated, 3 unchanged" in again.output

    bad = tmp_path / "bad.csv"
    bad.write_bytes(corpus.ru_csv(rows=corpus.with_cell(1, "Район", "Талгрский")))
    refused = run("import", "objects", bad, "--lang", "ru")
    assert refused.exit_code == 1 and "строка 3" not in refused.output
    assert "row 3 [Район] 'Талгрский'" in refused.output and "Подтвердите" in refused.output
    assert "--district-map 'Талгрский'=196200000" in refused.output
    confirmed = run("import", "objects", bad, "--district-map", "Талгрский=196200000")
    assert confirmed.exit_code == 0

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert run("import", "objects", empty).exit_code == 2
    assert run("import", "objects", tmp_path / "absent.csv").exit_code == 2
    assert _count(engine) == 3


def test_exports_of_every_kind(run, tmp_path):
    for args, name in [
        (("objects", "--format", "xlsx", "--by-district"), "o.xlsx"),
        (("districts", "--format", "csv"), "d.csv"),
        (("opendata",), "od.geojson"),
        (("map", "--district", "331000000"), "m.html"),
        (("report", "--district", "331000000", "--format", "html", "--as-of", "2025-01-31"), "r.html"),
    ]:
        result = run("export", *args, "--output", tmp_path / name)
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 0
    assert "31.01.2025" in (tmp_path / "r.html").read_text()
    missing = run("export", "report", "--output", tmp_path / "x.pdf")
    assert (missing.exit_code, missing.output) == (
        2,
        "error: A report is about one district: name its KATO code (--district).\n",
    )
    wrong = run("export", "invataxi", "--format", "geojson", "--output", tmp_path / "i.geojson", "--lang", "ru")
    assert (wrong.exit_code, wrong.output) == (2, "error: invataxi: форматы экспорта — csv, xlsx.\n")
    pair = run("import", "objects", tmp_path / "o.xlsx", "--column", "lat")
    assert (pair.exit_code, pair.output) == (2, "error: --column: “lat” should be NAME=VALUE.\n")
