import math

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import box

from tracker.geo.assign import assign_districts, district_warning
from tracker.geo.distance import geodesic_km

TALDYKORGAN, TEKELI, ESKELDI = "331000000", "331800000", "333600000"
CASPIAN = (43.0, 50.5)
BISHKEK = (42.8746, 74.5698)  # inside Kazakhstan's box, but in Kyrgyzstan


@pytest.fixture
def squares():
    # Two neighbours along lon 78.5 at lat ~45: 0.01° of longitude is about 790 m there.
    return gpd.GeoDataFrame(
        {"kato": ["111111111", "222222222"]},
        geometry=[box(78.0, 45.0, 78.5, 45.5), box(78.5, 45.0, 79.0, 45.5)],
        crs="EPSG:4326",
    )


def exact_centres(catalog):
    return [d for d in catalog if not d.centre_approximate]


def test_exact_catalogue_centres_fall_in_their_own_district(real_boundaries, catalog):
    centres = exact_centres(catalog)
    assert len(centres) == 20
    got = assign_districts([d.centre_lat for d in centres], [d.centre_lon for d in centres], real_boundaries)
    assert [k for d, k in zip(centres, got) if k != d.kato] == []


def test_a_point_just_over_the_border_is_accepted_thanks_to_the_tolerance(real_boundaries):
    # Tekeli's old catalogue centre lay 19 m outside the geokz Tekeli outline, in Eskeldi.
    assert district_warning(44.830, 78.823, TEKELI, real_boundaries) is None
    assert district_warning(44.830, 78.823, TEKELI, real_boundaries, tolerance_m=5.0) is not None


def test_points_outside_every_district_get_none(real_boundaries):
    lats, lons = zip(CASPIAN, BISHKEK, (math.nan, 77.0))
    assert assign_districts(lats, lons, real_boundaries) == [None, None, None]


def test_assignment_keeps_order_and_length(real_boundaries, catalog):
    centres = exact_centres(catalog)[::-1]
    lats = [CASPIAN[0]] + [d.centre_lat for d in centres]
    lons = [CASPIAN[1]] + [d.centre_lon for d in centres]
    got = assign_districts(np.array(lats), np.array(lons), real_boundaries)
    assert got == [None] + [d.kato for d in centres]
    assert assign_districts([], [], real_boundaries) == []


def test_point_on_a_shared_border_goes_to_the_first_district_in_file_order(squares):
    assert assign_districts([45.25], [78.5], squares) == ["111111111"]
    assert assign_districts([45.25], [78.5], squares.iloc[::-1]) == ["222222222"]


def test_fifty_thousand_points_over_the_country_box(real_boundaries):
    # How fast this runs is measured by `tracker bench` (assign_s), never asserted here.
    rng = np.random.default_rng(2024)
    lats, lons = rng.uniform(40.59, 55.44, 50_000), rng.uniform(46.50, 87.35, 50_000)
    got = assign_districts(lats, lons, real_boundaries)
    assert len(got) == 50_000
    # About 55 % of the box is Kazakhstan (2.72 of ~4.9 million km²).
    share = sum(k is not None for k in got) / len(got)
    assert 0.45 < share < 0.65


def test_taldykorgan_centre_stated_as_tekeli_names_taldykorgan(real_boundaries, catalog, names):
    taldykorgan = next(d for d in catalog if d.kato == TALDYKORGAN)
    message = district_warning(taldykorgan.centre_lat, taldykorgan.centre_lon, TEKELI, real_boundaries, names=names)
    assert message is not None
    assert "lies in Taldykorgan (331000000)" in message
    assert "stated district Tekeli (331800000)" in message
    assert district_warning(taldykorgan.centre_lat, taldykorgan.centre_lon, TALDYKORGAN, real_boundaries) is None


def test_point_in_the_caspian_is_in_no_district(real_boundaries, names):
    message = district_warning(*CASPIAN, "471000000", real_boundaries, names=names)
    assert message is not None
    assert "lies in no district" in message and "stated district Aktau (471000000)" in message


@pytest.mark.parametrize(
    "lon, expected",
    [
        (78.4990, None),  # inside the stated district
        (78.5050, None),  # ~390 m over the border: a GPS reading on the border street
        (78.5200, "222222222"),  # ~1.6 km over: really in the neighbour
    ],
)
def test_border_tolerance_is_about_500_metres(squares, lon, expected):
    assert geodesic_km(45.25, 78.5, 45.25, 78.505) == pytest.approx(0.39, abs=0.01)
    message = district_warning(45.25, lon, "111111111", squares)
    if expected is None:
        assert message is None
    else:
        assert expected in message and "1.6 km outside" in message


def test_unknown_stated_district_and_missing_coordinates_are_explained(squares):
    assert "no boundary loaded" in district_warning(45.25, 78.2, "999999999", squares)
    assert "no valid coordinates" in district_warning(math.nan, 78.2, "111111111", squares)
