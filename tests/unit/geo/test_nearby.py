"""Nearest objects to a person's position: order, distance, limits, objects without coordinates."""

import math

import pytest

from tracker.geo.nearby import nearest_objects

# Taldykorgan: a school by the akimat, a clinic 1.1 km east, a library 5.6 km north, one unplaced.
HERE = (45.0156, 78.3739)
IDS = [11, 12, 13, 14, 15]
LATS = [45.0160, 45.0156, 45.0660, math.nan, 45.0160]
LONS = [78.3740, 78.3879, 78.3739, math.nan, 78.3740]


def test_nearest_first_with_geodesic_kilometres_and_ties_by_id():
    found = nearest_objects(*HERE, IDS, LATS, LONS)
    assert [i for i, _ in found] == [11, 15, 12, 13]  # 14 has no coordinates; 11 and 15 stand together
    km = dict(found)
    assert km[11] == pytest.approx(0.045, abs=0.005)
    assert km[12] == pytest.approx(1.10, abs=0.02)  # 0.014° of longitude at 45° N
    assert km[13] == pytest.approx(5.60, abs=0.02)  # 0.0504° of latitude


def test_limit_and_radius():
    assert [i for i, _ in nearest_objects(*HERE, IDS, LATS, LONS, limit=2)] == [11, 15]
    assert [i for i, _ in nearest_objects(*HERE, IDS, LATS, LONS, within_km=2)] == [11, 15, 12]
    assert nearest_objects(*HERE, IDS, LATS, LONS, within_km=0.01) == []


@pytest.mark.parametrize("lat, lon", [(math.nan, 78.0), (45.0, math.inf), (91.0, 78.0), (45.0, -181.0)])
def test_a_position_that_is_not_one_gives_nothing(lat, lon):
    assert nearest_objects(lat, lon, IDS, LATS, LONS) == []


def test_no_objects_or_none_placed():
    assert nearest_objects(*HERE, [], [], []) == []
    assert nearest_objects(*HERE, [1], [math.nan], [math.nan]) == []
    with pytest.raises(ValueError):
        nearest_objects(*HERE, [1, 2], [45.0], [78.0])
