import math
from itertools import combinations

import numpy as np
import pytest
from pyproj import Geod

from tracker.geo.distance import geodesic_km, nearest, project_kz

CITIES = {
    "Almaty": (43.2389, 76.8897),
    "Astana": (51.1694, 71.4491),
    "Shymkent": (42.3417, 69.5901),
    "Aktau": (43.6510, 51.1975),
    "Oskemen": (49.9483, 82.6279),
    "Aktobe": (50.2839, 57.1670),
    "Karaganda": (49.8047, 73.1094),
    "Kostanay": (53.2144, 63.6246),
    "Petropavl": (54.8728, 69.1430),
}


def vincenty_km(lat1, lon1, lat2, lon2):
    """Vincenty's (1975) inverse formula on WGS84: an oracle independent of pyproj."""
    a, f = 6378137.0, 1 / 298.257223563
    b = (1 - f) * a
    u1, u2 = math.atan((1 - f) * math.tan(math.radians(lat1))), math.atan((1 - f) * math.tan(math.radians(lat2)))
    big_l = lam = math.radians(lon2 - lon1)
    for _ in range(200):
        sin_sigma = math.hypot(
            math.cos(u2) * math.sin(lam), math.cos(u1) * math.sin(u2) - math.sin(u1) * math.cos(u2) * math.cos(lam)
        )
        cos_sigma = math.sin(u1) * math.sin(u2) + math.cos(u1) * math.cos(u2) * math.cos(lam)
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = math.cos(u1) * math.cos(u2) * math.sin(lam) / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * math.sin(u1) * math.sin(u2) / cos2_alpha
        c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        previous, lam = (
            lam,
            big_l
            + (1 - c) * f * sin_alpha * (sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2))),
        )
        if abs(lam - previous) < 1e-12:
            break
    u_sq = cos2_alpha * (a * a - b * b) / (b * b)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta = (
        big_b
        * sin_sigma
        * (
            cos_2sm
            + big_b
            / 4
            * (
                cos_sigma * (-1 + 2 * cos_2sm**2)
                - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2) * (-3 + 4 * cos_2sm**2)
            )
        )
    )
    return b * big_a * (sigma - delta) / 1000


def test_almaty_to_astana():
    km = geodesic_km(*CITIES["Almaty"], *CITIES["Astana"])
    assert km == pytest.approx(970.7, rel=0.01)
    # Vincenty's formula gives 972.609 km; a sphere of mean radius 6371.0088 km gives 972.25.
    assert km == pytest.approx(972.609, abs=0.005)
    assert km == pytest.approx(vincenty_km(*CITIES["Almaty"], *CITIES["Astana"]), abs=1e-4)


@pytest.mark.parametrize("a, b", list(combinations(CITIES, 2)))
def test_geodesic_matches_vincenty_to_a_metre(a, b):
    assert geodesic_km(*CITIES[a], *CITIES[b]) == pytest.approx(vincenty_km(*CITIES[a], *CITIES[b]), abs=0.001)


def test_geodesic_is_symmetric_and_zero_for_the_same_point():
    almaty, astana = CITIES["Almaty"], CITIES["Astana"]
    assert geodesic_km(*almaty, *astana) == pytest.approx(geodesic_km(*astana, *almaty))
    assert geodesic_km(*almaty, *almaty) == 0.0


@pytest.mark.parametrize("a, b", list(combinations(CITIES, 2)))
def test_kz_crs_keeps_straight_line_distances_within_half_a_percent(a, b):
    x, y = project_kz([CITIES[a][0], CITIES[b][0]], [CITIES[a][1], CITIES[b][1]])
    projected_km = math.hypot(x[1] - x[0], y[1] - y[0]) / 1000
    assert projected_km == pytest.approx(geodesic_km(*CITIES[a], *CITIES[b]), rel=0.005)


def test_nearest_picks_the_hand_checked_city_and_distance():
    points = ["Almaty", "Shymkent", "Aktobe", "Petropavl", "Karaganda"]
    targets = ["Astana", "Aktau", "Oskemen", "Kostanay"]
    # From the table of geodesic distances: Almaty–Oskemen 865 km < Almaty–Astana 973 km;
    # Shymkent–Astana 992 < Oskemen 1312; Aktobe–Kostanay 552 < Aktau 865;
    # Petropavl–Kostanay 406 < Astana 440; Karaganda–Astana 192.
    expected = ["Oskemen", "Astana", "Kostanay", "Kostanay", "Astana"]
    index, km = nearest(
        [CITIES[p][0] for p in points],
        [CITIES[p][1] for p in points],
        [CITIES[t][0] for t in targets],
        [CITIES[t][1] for t in targets],
    )
    assert [targets[i] for i in index] == expected
    for p, t, d in zip(points, expected, km):
        assert d == pytest.approx(geodesic_km(*CITIES[p], *CITIES[t]), rel=0.01)
    assert km[0] == pytest.approx(865.2, abs=0.5)


def test_nearest_agrees_with_brute_force_for_thousands_of_points():
    rng = np.random.default_rng(7)
    plat, plon = rng.uniform(40.6, 55.4, 3000), rng.uniform(46.5, 87.3, 3000)
    tlat, tlon = rng.uniform(40.6, 55.4, 200), rng.uniform(46.5, 87.3, 200)
    index, km = nearest(plat, plon, tlat, tlon)
    geod = Geod(ellps="WGS84")
    _, _, all_m = geod.inv(np.repeat(plon, 200), np.repeat(plat, 200), np.tile(tlon, 3000), np.tile(tlat, 3000))
    best_km = all_m.reshape(3000, 200).min(axis=1) / 1000
    # A different target may win only on a near-tie, within the CRS's 0.5 % scale error.
    np.testing.assert_array_less(km, best_km * 1.01 + 1e-9)
    assert (index == all_m.reshape(3000, 200).argmin(axis=1)).mean() > 0.99


def test_nearest_leaves_points_without_coordinates_unmatched():
    index, km = nearest([math.nan, 43.2389], [76.0, 76.8897], [51.1694, math.nan], [71.4491, 0])
    assert index.tolist() == [-1, 0]
    assert math.isnan(km[0]) and km[1] == pytest.approx(972.609, abs=0.01)


def test_nearest_needs_a_target():
    with pytest.raises(ValueError, match="at least one target"):
        nearest([43.0], [76.0], [], [])
    index, km = nearest([], [], [51.0], [71.0])
    assert index.size == 0 and km.size == 0
