"""The demo world and the national set, generated once per session (both are deterministic)."""

import time

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
def national_timed(catalog):
    started = time.perf_counter()
    objects = generate_national(catalog, n=50_000)
    return objects, time.perf_counter() - started


@pytest.fixture(scope="session")
def national(national_timed):
    return national_timed[0]
