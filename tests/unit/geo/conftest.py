"""Fixtures for the geo tests: the real geokz boundaries, read once from the shared folder."""

from pathlib import Path

import pytest

from tracker.geo.boundaries import read_boundaries
from tracker.geo.catalog import load_catalog

SHAPEFILE = "kaz_admbnda_adm2_2024.shp"


@pytest.fixture(scope="session")
def geokz_shapefile(shared_geodata) -> Path:
    # shared_geodata (tests/conftest.py) finds <repo>/../shared/geodata or
    # $TRACKER_SHARED_GEODATA; it skips when missing, and fails instead when CI=true.
    return shared_geodata / SHAPEFILE


@pytest.fixture(scope="session")
def real_boundaries(geokz_shapefile):
    return read_boundaries(geokz_shapefile)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def names(catalog):
    return {d.kato: d.name_en for d in catalog}
