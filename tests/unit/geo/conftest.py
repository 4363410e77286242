"""Fixtures for the geo tests: the real geokz boundaries, read once from the shared folder."""

import os
from pathlib import Path

import pytest

from tracker.geo.boundaries import read_boundaries
from tracker.geo.catalog import load_catalog

REPO_ROOT = Path(__file__).resolve().parents[3]
SHAPEFILE = "kaz_admbnda_adm2_2024.shp"


def shared_geodata_dir() -> Path:
    # Tests, not the tracker, read this variable: the app never depends on the shared folder.
    override = os.environ.get("TRACKER_SHARED_GEODATA")
    return Path(override) if override else REPO_ROOT / ".." / "shared" / "geodata"


@pytest.fixture(scope="session")
def geokz_shapefile() -> Path:
    path = shared_geodata_dir() / SHAPEFILE
    if not path.exists():
        message = f"shared geodata missing: {path} (set TRACKER_SHARED_GEODATA)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def real_boundaries(geokz_shapefile):
    return read_boundaries(geokz_shapefile)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def names(catalog):
    return {d.kato: d.name_en for d in catalog}
