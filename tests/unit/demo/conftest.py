"""The demo world and the national set, generated once per session (both are deterministic)."""

import pytest

from tracker.demo import generate_demo, generate_national
from tracker.geo.catalog import default_region, load_catalog


@pytest.fixture(scope="session")
def region():
    return default_region()


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def by_kato(catalog):
    return {d.kato: d for d in catalog}


@pytest.fixture(scope="session")
def demo(region):
    return generate_demo(region)


@pytest.fixture(scope="session")
def national(catalog):
    return generate_national(catalog, n=50_000)
