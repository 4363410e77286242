import json
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon, box

from tracker.domain.district import District
from tracker.domain.errors import RuleViolation
from tracker.geo.boundaries import (
    GEOKZ_CREDIT,
    approximate_areas,
    check_against_catalog,
    read_boundaries,
    simplify_for_map,
)
from tracker.geo.catalog import default_region
from tracker.geo.distance import KZ_EQUAL_AREA_CRS

ULYTAU = "623800000"


def in_km2(geoms, crs="EPSG:4326"):
    return gpd.GeoSeries(geoms, crs=crs).to_crs(KZ_EQUAL_AREA_CRS)


def overlap_km2(gdf):
    # Intersect where the polygons live (degrees), measure in km²: reprojecting first would
    # bend long straight edges differently from their neighbours' and invent slivers.
    g = gdf.geometry.values
    a, b = shapely.STRtree(g).query(g, predicate="intersects")
    pairs = a < b
    overlaps = shapely.intersection(g[a[pairs]], g[b[pairs]])
    return float(in_km2(overlaps, gdf.crs).area.sum()) / 1e6 if len(overlaps) else 0.0


def union_holes(gdf):
    union = shapely.union_all(gdf.geometry.values)
    return sum(len(p.interiors) for p in shapely.get_parts(union))


def district(kato, lat, lon, area_km2, name="Test"):
    return District(
        kato=kato,
        name_kk=name,
        name_ru=name,
        name_en=name,
        oblast_kk="O",
        oblast_ru="O",
        oblast_en="O",
        centre_lat=lat,
        centre_lon=lon,
        area_km2=area_km2,
    )


def two_districts(**columns):
    return gpd.GeoDataFrame(
        columns, geometry=[box(76.0, 43.0, 76.5, 43.5), box(76.5, 43.0, 77.0, 43.5)], crs="EPSG:4326"
    )


# --- the real geokz file ------------------------------------------------------------------


def test_real_file_gives_224_valid_districts_matching_the_catalogue(real_boundaries, catalog):
    gdf = real_boundaries
    assert list(gdf.columns) == ["kato", "geometry"]
    assert len(gdf) == 224
    assert gdf.crs.equals("EPSG:4326")
    assert gdf.is_valid.all()
    assert set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
    assert all(re.fullmatch(r"\d{9}", k) for k in gdf["kato"])
    assert set(gdf["kato"]) == {d.kato for d in catalog}
    assert check_against_catalog(gdf, catalog) == []


def test_ulytau_invalid_in_the_file_is_repaired_without_losing_area(geokz_shapefile, real_boundaries):
    raw = gpd.read_file(geokz_shapefile)
    raw_ulytau = raw.loc[raw["KATO"].astype(str) == ULYTAU].geometry.iloc[0]
    assert not raw_ulytau.is_valid
    ulytau = real_boundaries.loc[real_boundaries["kato"] == ULYTAU].geometry.iloc[0]
    assert ulytau.is_valid
    assert in_km2([ulytau]).area.iloc[0] / 1e6 == pytest.approx(115_933, rel=0.01)


def test_geojson_with_pcodes_instead_of_kato_is_read_right(tmp_path, geokz_shapefile, real_boundaries):
    raw = gpd.read_file(geokz_shapefile)
    path = tmp_path / "districts.geojson"
    raw[["ADM2_PCODE", "ADM2_EN", "geometry"]].to_file(path, driver="GeoJSON")
    gdf = read_boundaries(path)
    assert list(gdf["kato"]) == list(real_boundaries["kato"])
    assert "191000000" in set(gdf["kato"])


def test_credit_names_geokz_and_its_licence():
    assert "geokz" in GEOKZ_CREDIT and "CC BY 4.0" in GEOKZ_CREDIT


# --- formats, codes and coordinate systems --------------------------------------------------


@pytest.mark.parametrize(
    "column, values, expected",
    [
        ("KATO", ["191000000", "191800000"], ["191000000", "191800000"]),
        ("kato", [191000000, 191800000], ["191000000", "191800000"]),
        ("Kato_Code", [191000000.0, 191800000.0], ["191000000", "191800000"]),
        ("ADM2_PCODE", ["KZ191000", "kz1918"], ["191000000", "191800000"]),
    ],
)
def test_kato_column_is_found_and_normalised(tmp_path, column, values, expected):
    path = tmp_path / "d.gpkg"
    two_districts(**{column: values}).to_file(path, driver="GPKG")
    assert list(read_boundaries(path)["kato"]) == expected


def test_projected_file_is_brought_back_to_degrees(tmp_path):
    original = two_districts(KATO=["191000000", "191800000"])
    path = tmp_path / "utm.shp"
    original.to_crs("EPSG:32643").to_file(path)
    gdf = read_boundaries(path)
    assert gdf.crs.equals("EPSG:4326")
    np.testing.assert_allclose(gdf.total_bounds, original.total_bounds, atol=1e-6)


def test_file_without_crs_is_taken_as_degrees_only_when_it_looks_like_degrees(tmp_path):
    degrees = tmp_path / "deg.shp"
    two_districts(KATO=["191000000", "191800000"]).to_file(degrees)
    degrees.with_suffix(".prj").unlink()
    assert read_boundaries(degrees).crs.equals("EPSG:4326")

    metres = tmp_path / "m.shp"
    two_districts(KATO=["191000000", "191800000"]).to_crs("EPSG:32643").to_file(metres)
    metres.with_suffix(".prj").unlink()
    with pytest.raises(RuleViolation) as refused:
        read_boundaries(metres)
    assert (refused.value.code, refused.value.params) == ("boundaries.no_crs", {"source": "m.shp"})


def test_stray_lines_from_make_valid_are_dropped(tmp_path):
    spike = Polygon([(76, 43), (76.2, 43), (76.2, 42.8), (76.2, 43), (76.5, 43), (76.5, 43.5), (76, 43.5)])
    assert shapely.make_valid(spike).geom_type == "GeometryCollection"
    path = tmp_path / "spike.geojson"
    gpd.GeoDataFrame({"KATO": ["191000000"]}, geometry=[spike], crs=4326).to_file(path)
    gdf = read_boundaries(path)
    assert gdf.geom_type.tolist() == ["Polygon"]
    assert gdf.geometry.iloc[0].area == pytest.approx(0.25)


# --- files that must be refused -----------------------------------------------------------


def test_file_without_kato_column_is_refused_with_the_columns_it_has(tmp_path):
    path = tmp_path / "names.geojson"
    two_districts(name=["Konaev", "Alatau"]).to_file(path)
    with pytest.raises(RuleViolation) as refused:
        read_boundaries(path)
    assert (refused.value.code, refused.value.params["found"]) == ("boundaries.no_code_column", "name")


def test_empty_geojson_is_refused(tmp_path):
    path = tmp_path / "empty.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    with pytest.raises(RuleViolation) as refused:
        read_boundaries(path)
    assert refused.value.code == "boundaries.no_features"


def test_text_file_named_geojson_is_refused(tmp_path):
    path = tmp_path / "notes.geojson"
    path.write_text("district list, see the e-mail from the akimat\n", encoding="utf-8")
    with pytest.raises(RuleViolation) as refused:
        read_boundaries(path)
    assert (refused.value.code, refused.value.params["source"]) == ("boundaries.unreadable", "notes.geojson")


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(RuleViolation) as refused:
        read_boundaries(tmp_path / "nowhere.shp")
    assert (refused.value.code, refused.value.params["source"]) == ("boundaries.unreadable", "nowhere.shp")


@pytest.mark.parametrize(
    "codes, code, expected",
    [
        (["19100000", "191800000"], "boundaries.bad_codes", {"count": 1, "sample": "19100000"}),
        (["191000000", "19180000A"], "boundaries.bad_codes", {"count": 1, "sample": "19180000A"}),
        (["191000000", "191000000"], "boundaries.repeated_codes", {"sample": "191000000"}),
    ],
)
def test_bad_kato_values_are_refused(tmp_path, codes, code, expected):
    path = tmp_path / "d.geojson"
    two_districts(KATO=codes).to_file(path)
    with pytest.raises(RuleViolation) as refused:
        read_boundaries(path)
    assert {k: v for k, v in refused.value.params.items() if k != "source"} == expected
    assert refused.value.code == code


def test_points_instead_of_polygons_are_refused(tmp_path):
    path = tmp_path / "centres.geojson"
    gpd.GeoDataFrame({"KATO": ["191000000"]}, geometry=[Point(77.06, 43.87)], crs=4326).to_file(path)
    with pytest.raises(RuleViolation) as refused:
        read_boundaries(path)
    assert refused.value.code == "boundaries.no_polygons"


# --- comparison with the catalogue --------------------------------------------------------


def test_check_against_catalog_names_unknown_and_missing_districts(real_boundaries, catalog):
    gdf = real_boundaries[real_boundaries["kato"] != "191000000"].copy()
    gdf.loc[len(gdf) + 1000] = ["999999999", box(0, 0, 1, 1)]
    warnings = check_against_catalog(gdf, catalog)
    assert len(warnings) == 2
    assert "not in the district catalogue" in warnings[0] and "999999999" in warnings[0]
    assert "no boundary" in warnings[1] and "191000000 Konaev" in warnings[1]


# --- the offline approximation ------------------------------------------------------------


def test_approximate_areas_of_the_default_region_tile_without_overlap():
    region = default_region()
    gdf = approximate_areas(region)
    assert len(gdf) == 21
    assert list(gdf["kato"]) == [d.kato for d in region]
    assert gdf.crs.equals("EPSG:4326")
    assert gdf.is_valid.all() and set(gdf.geom_type) == {"Polygon"}
    for d, geom in zip(region, gdf.geometry):
        assert geom.contains(Point(d.centre_lon, d.centre_lat)), d.name_en
    assert shapely.coverage_is_valid(gdf.geometry.values)
    assert overlap_km2(gdf) < 0.001
    for d, km2 in zip(region, in_km2(gdf.geometry.values).area / 1e6):
        assert km2 <= 2.56 * d.area_km2 * 1.01, d.name_en


def test_approximate_area_of_one_district_is_its_disc():
    konaev = next(d for d in default_region() if d.kato == "191000000")
    gdf = approximate_areas([konaev])
    assert len(gdf) == 1
    assert in_km2(gdf.geometry.values).area.iloc[0] / 1e6 == pytest.approx(1.6**2 * konaev.area_km2, rel=0.01)


def test_approximate_areas_cover_whole_country_and_repeated_centres(catalog):
    gdf = approximate_areas(catalog)
    assert len(gdf) == 224 and gdf.is_valid.all()
    assert overlap_km2(gdf) < 0.001
    twins = [district("191000000", 43.87, 77.06, 3000.0), district("191800000", 43.87, 77.06, 500.0)]
    pair = approximate_areas(twins)
    assert len(pair) == 2 and overlap_km2(pair) < 0.001


def test_approximate_areas_of_nothing_is_an_empty_frame():
    gdf = approximate_areas([])
    assert list(gdf.columns) == ["kato", "geometry"] and len(gdf) == 0


# --- simplification for the map ----------------------------------------------------------


@pytest.fixture(scope="module")
def simplified(real_boundaries):
    return simplify_for_map(real_boundaries)


def test_simplify_for_map_keeps_the_tiling_and_shrinks_the_geojson(real_boundaries, simplified):
    simple = simplified
    assert list(simple["kato"]) == list(real_boundaries["kato"])
    assert simple.is_valid.all()
    assert set(simple.geom_type) <= {"Polygon", "MultiPolygon"}

    before = in_km2(shapely.union_all(real_boundaries.geometry.values)).area.iloc[0]
    after = in_km2(shapely.union_all(simple.geometry.values)).area.iloc[0]
    assert after == pytest.approx(before, rel=0.005)
    assert shapely.coverage_is_valid(simple.geometry.values)
    assert overlap_km2(simple) < 0.001
    assert union_holes(simple) <= union_holes(real_boundaries)

    coords = shapely.get_coordinates(simple.geometry.values)
    np.testing.assert_allclose(coords, np.round(coords, 4), atol=1e-9)
    assert len(simple.to_json()) < 0.4 * len(real_boundaries.to_json())


def test_simplify_for_map_on_approximate_areas():
    areas = approximate_areas(default_region())
    simple = simplify_for_map(areas)
    assert len(simple) == 21 and simple.is_valid.all()
    assert shapely.coverage_is_valid(simple.geometry.values)
    assert overlap_km2(simple) < 0.001


def test_neighbours_still_share_their_border_after_simplification(real_boundaries, simplified):
    def shared_borders(gdf):
        g = gdf.geometry.values
        a, b = shapely.STRtree(g).query(g, predicate="intersects")
        keep = a < b
        lengths = shapely.length(shapely.intersection(shapely.boundary(g[a[keep]]), shapely.boundary(g[b[keep]])))
        return {(gdf["kato"].iloc[i], gdf["kato"].iloc[j]): n for i, j, n in zip(a[keep], b[keep], lengths)}

    before = {pair for pair, n in shared_borders(real_boundaries).items() if n > 0.05}
    after = {pair for pair, n in shared_borders(simplified).items() if n > 0}
    assert len(before) > 500
    assert before <= after
