"""The boundaries shipped in geodata/boundaries: complete, valid, still a coverage, small."""

import numpy as np
import pytest
import shapely

from tracker.geo.catalog import load_catalog
from tracker.geo.shipped import (
    DISTRICTS_PATH,
    OBLASTS_PATH,
    OUTLINE_PATH,
    inside_kazakhstan,
    national_outline,
    oblast_code,
    shipped_districts,
    shipped_oblasts,
)

# Neighbours a user would look for on the map of the default region; each pair must still share
# a border line (not only a point) after simplification.
NEIGHBOURS = [
    ("331000000", "333600000"),  # Taldykorgan city – Eskeldi
    ("331800000", "333600000"),  # Tekeli city – Eskeldi
    ("191000000", "196800000"),  # Konaev city – Ile
    ("195200000", "196800000"),  # Karasay – Ile
    ("334800000", "333400000"),  # Sarkand – Alakol
    ("751710000", "751410000"),  # Medeu – Bostandyk (Almaty city)
    ("194000000", "334000000"),  # Enbekshikazakh (Almaty Region) – Kerbulak (Zhetysu Region)
]


def _shared_border_km(a: shapely.Geometry, b: shapely.Geometry) -> float:
    return shapely.length(shapely.intersection(shapely.boundary(a), shapely.boundary(b))) * 111.0


def _neighbour_pairs(geoms: np.ndarray) -> set[tuple[int, int]]:
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    return {
        (i, j)
        for i, j in zip(left, right)
        if i < j and shapely.length(shapely.intersection(shapely.boundary(geoms[i]), shapely.boundary(geoms[j]))) > 0
    }


def test_every_catalogue_district_has_one_valid_polygon():
    districts = shipped_districts()
    assert sorted(districts["kato"]) == sorted(d.kato for d in load_catalog())
    assert districts["kato"].is_unique and len(districts) == 224
    assert districts.geometry.is_valid.all()
    assert set(districts.geom_type) <= {"Polygon", "MultiPolygon"}


def test_the_file_names_each_district_as_the_catalogue_does():
    names = {d.kato: (d.name_kk, d.name_ru, d.name_en) for d in load_catalog()}
    shipped = shipped_districts()
    assert {
        k: (kk, ru, en) for k, kk, ru, en in shipped[["kato", "name_kk", "name_ru", "name_en"]].itertuples(index=False)
    } == names


def test_twenty_oblast_level_units_are_the_unions_of_their_districts():
    oblasts = shipped_oblasts().set_index("kato")
    districts = shipped_districts()
    assert sorted(oblasts.index) == sorted({oblast_code(d.kato) for d in load_catalog()})
    assert len(oblasts) == 20 and oblasts.geometry.is_valid.all()
    for code, group in districts.groupby(districts["kato"].map(oblast_code)):
        union = shapely.union_all(np.asarray(group.geometry.values))
        assert shapely.symmetric_difference(union, oblasts.geometry[code]).area < 1e-8, code


def test_the_districts_still_tile_the_country_without_overlaps_or_gaps():
    geoms = np.asarray(shipped_districts().geometry.values)
    # An edge-matched coverage: no two districts overlap and shared edges have the same vertices.
    assert shapely.coverage_is_valid(geoms)
    outline = national_outline()
    assert outline.is_valid and not any(len(p.interiors) for p in shapely.get_parts(outline))
    assert shapely.symmetric_difference(outline, shapely.union_all(geoms)).area < 1e-8


@pytest.mark.parametrize(("a", "b"), NEIGHBOURS)
def test_neighbours_still_share_a_border(a, b):
    by_kato = dict(zip(shipped_districts()["kato"], shipped_districts().geometry))
    assert _shared_border_km(by_kato[a], by_kato[b]) > 1.0


def test_no_neighbour_of_the_source_is_lost_or_invented(real_boundaries):
    source = real_boundaries.sort_values("kato", ignore_index=True)
    shipped = shipped_districts().sort_values("kato", ignore_index=True)
    assert list(source["kato"]) == list(shipped["kato"])
    cleaned = shapely.coverage_clean(np.asarray(source.geometry.values), gap_width=0.001)
    assert _neighbour_pairs(np.asarray(shipped.geometry.values)) == _neighbour_pairs(cleaned)


def test_the_simplified_districts_stay_close_to_the_source(real_boundaries):
    source = dict(zip(real_boundaries["kato"], real_boundaries.geometry))
    for kato, geom in zip(shipped_districts()["kato"], shipped_districts().geometry):
        original = source[kato]
        # Area within 2 % (or 0.5 km² for the small city districts) of the geokz polygon.
        assert abs(geom.area - original.area) <= max(0.02 * original.area, 0.5 / 111.0**2 / 0.7), kato


def test_the_shipped_files_stay_small():
    sizes = {p.name: p.stat().st_size for p in (DISTRICTS_PATH, OBLASTS_PATH, OUTLINE_PATH)}
    assert sizes["districts.geojson"] <= 600 * 1024
    assert sum(sizes.values()) <= 850 * 1024


@pytest.mark.parametrize(
    ("place", "lat", "lon", "inside"),
    [
        ("Almaty", 43.238, 76.889, True),
        ("Astana", 51.128, 71.430, True),
        ("Aktau, on the Caspian shore", 43.650, 51.160, True),
        ("Zharkent, 35 km from the Chinese border", 44.163, 80.003, True),
        ("Tashkent", 41.311, 69.279, False),
        ("Bishkek", 42.875, 74.590, False),
        ("Urumqi", 43.825, 87.617, False),
        ("Omsk", 54.989, 73.368, False),
        ("the Caspian Sea", 43.0, 50.0, False),
    ],
)
def test_the_national_outline_tells_inside_from_outside(place, lat, lon, inside):
    assert inside_kazakhstan([lat], [lon]).tolist() == [inside], place


def test_points_without_coordinates_are_not_inside():
    assert inside_kazakhstan([float("nan"), 43.238], [76.889, float("nan")]).tolist() == [False, False]
