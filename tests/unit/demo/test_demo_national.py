"""The synthetic national set: the ministry's scale, over every district.

How long it takes to generate is measured by `tracker bench` (generate_s), never asserted here.
"""

from collections import Counter

from tracker.demo import generate_national


def test_fifty_thousand_objects_over_all_districts(national, catalog):
    assert len(national) == 50_000
    assert {f.district_kato for f in national} == {d.kato for d in catalog}
    ids = [f.external_id for f in national]
    assert len(set(ids)) == 50_000
    assert ids[0] == "NAT-000001" and ids[-1] == "NAT-050000"
    assert all(f.demo for f in national)


def test_weighted_by_population_or_area(national, by_kato):
    counts = Counter(f.district_kato for f in national)
    assert counts["331000000"] > counts["331800000"]  # Taldykorgan over Tekeli, by population
    big, small = "101010000", "101800000"  # Zhanasemey 31,276 km², Kurchatov 135 km²: no population
    assert by_kato[big].population is None and by_kato[small].population is None
    assert counts[big] > counts[small] > 0


def test_deterministic_per_seed(catalog):
    assert generate_national(catalog, n=300) == generate_national(catalog, n=300)
    assert generate_national(catalog, n=300) != generate_national(catalog, n=300, seed=8)


def test_small_and_empty_sets(catalog):
    assert generate_national(catalog, n=0) == []
    assert len(generate_national(catalog[:5], n=3)) == 3
