"""The `tracker` command as a person runs it: init, demo, boundaries import."""

import os
import subprocess
import sys

import pytest


def tracker(*args, data_dir, check=True):
    env = os.environ | {"TRACKER_DATA_DIR": str(data_dir)}
    env.pop("TRACKER_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "tracker.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_init_and_demo_are_idempotent(tmp_path):
    assert "224 districts added" in tracker("init", data_dir=tmp_path).stdout
    assert "0 districts added" in tracker("init", data_dir=tmp_path).stdout
    assert "1294 objects" in tracker("demo", "--if-empty", data_dir=tmp_path).stdout
    assert "already" in tracker("demo", data_dir=tmp_path).stdout
    assert "not loaded" in tracker("demo", "--if-empty", data_dir=tmp_path).stdout
    assert (tmp_path / "tracker.db").exists()


def test_boundaries_import_reports_and_refuses_bad_files(tmp_path, shared_geodata):
    ok = tracker("boundaries", "import", str(shared_geodata / "kaz_admbnda_adm2_2024.shp"), data_dir=tmp_path)
    assert "224 district boundaries imported" in ok.stdout
    again = tracker("boundaries", "import", str(shared_geodata / "kaz_admbnda_adm2_2024.shp"), data_dir=tmp_path)
    assert "0 district boundaries imported" in again.stdout
    junk = tmp_path / "junk.geojson"
    junk.write_text("this is not geojson")
    bad = tracker("boundaries", "import", str(junk), data_dir=tmp_path, check=False)
    assert bad.returncode == 2 and "error:" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("command", [[], ["init"], ["demo"], ["boundaries", "import"]])
def test_help_is_plain_words(tmp_path, command):
    out = tracker(*command, "--help", data_dir=tmp_path).stdout
    assert "Usage:" in out and len(out.splitlines()) > 3
