"""Demo points stay near their district's centre and inside the district's real outline."""

import math

import pytest

from tracker.demo.places import distance_km, from_polar, reach_of, to_polar
from tracker.demo.reach_data import REACH
from tracker.domain.geography import inside_kazakhstan_box

TOLERANCE_KM = 0.01


def allowed_km(district) -> float:
    return 0.35 * math.sqrt(district.area_km2 / math.pi)


def far_points(records, by_kato):
    out = []
    for r in records:
        d = by_kato[r.district_kato]
        gap = distance_km(r.lat, r.lon, d.centre_lat, d.centre_lon)
        if gap > allowed_km(d) + TOLERANCE_KM or not inside_kazakhstan_box(r.lat, r.lon):
            out.append((r.external_id, d.name_en, round(gap, 2), round(allowed_km(d), 2)))
    return out


def test_demo_objects_lie_near_their_district_centre(demo, by_kato):
    assert far_points(demo.facilities, by_kato) == []


def test_rehab_centres_lie_near_their_district_centre(demo, by_kato):
    assert far_points(demo.rehab_centers, by_kato) == []


def test_national_objects_lie_near_their_district_centre(national, by_kato):
    assert far_points(national, by_kato) == []


def test_rural_objects_spread_beyond_the_town(demo, by_kato):
    karatal = by_kato["334400000"]  # 22,885 km² around Үштөбе
    gaps = [
        distance_km(f.lat, f.lon, karatal.centre_lat, karatal.centre_lon)
        for f in demo.facilities
        if f.district_kato == karatal.kato
    ]
    assert max(gaps) > 8 and min(gaps) < 2.5
    assert sum(g < 2.5 for g in gaps) > len(gaps) / 4  # the town has its share


def test_the_direction_table_was_built_from_todays_centres(catalog):
    stale = [
        d.kato
        for d in catalog
        if d.kato not in REACH or (REACH[d.kato][0], REACH[d.kato][1]) != (d.centre_lat, d.centre_lon)
    ]
    assert stale == [], "rerun python -m tracker.demo.reach_build (see its docstring)"


@pytest.mark.parametrize("bearing", [0.0, 1.0, 2.5, 4.0, 6.0])
def test_polar_offsets_round_trip(bearing):
    lat, lon = from_polar(45.0, 78.4, 12.0, bearing)
    r, back = to_polar(45.0, 78.4, lat, lon)
    assert r == pytest.approx(12.0) and back == pytest.approx(bearing)
    assert distance_km(45.0, 78.4, lat, lon) == pytest.approx(12.0, rel=0.01)


@pytest.fixture(scope="session")
def outlines(shared_geodata):
    import geopandas as gpd
    from shapely import make_valid

    frame = gpd.read_file(shared_geodata / "kaz_admbnda_adm2_2024.shp")
    return {str(k): make_valid(g) for k, g in zip(frame["KATO"], frame.geometry)}


def outside(records, outlines):
    from shapely import contains_xy

    return [
        (r.external_id, r.district_kato) for r in records if not contains_xy(outlines[r.district_kato], r.lon, r.lat)
    ]


def test_demo_points_fall_inside_their_district_outline(demo, outlines):
    assert outside(demo.facilities, outlines) == []
    assert outside(demo.rehab_centers, outlines) == []


def test_national_points_fall_inside_their_district_outline(national, outlines):
    assert outside(national[::10], outlines) == []


def test_a_moved_centre_falls_back_to_the_plain_disc(by_kato):
    ile = by_kato["196800000"]
    assert reach_of(ile).sectors
    moved = reach_of(ile.model_copy(update={"centre_lat": ile.centre_lat + 0.05}))
    assert moved.sectors == () and moved.limit(1.0) == pytest.approx(0.99 * allowed_km(ile))
