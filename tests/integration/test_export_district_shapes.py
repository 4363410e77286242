"""`tracker export districts --format geojson`: each district's polygon beside its figures."""

import json

import shapely

from tests import factories
from tracker.services import exports
from tracker.services.setup import initialise


def test_the_districts_geojson_carries_real_polygons_and_figures(db):
    initialise(db)
    with db.write() as uow:
        uow.facilities.add_many([factories.facility(external_id="S-1")], "test")
        uow.commit()
    doc = json.loads(exports.export_districts(db, "geojson", "ru").data)
    assert doc["metadata"]["boundaries"] == "geokz, A. Rodionov, CC BY 4.0"
    features = {f["properties"]["district_kato"]: f for f in doc["features"]}
    assert len(features) == 224
    taldykorgan = features[factories.TALDYKORGAN]
    assert taldykorgan["properties"]["objects"] == 1 and taldykorgan["properties"]["oblast"] == "область Жетісу"
    assert taldykorgan["properties"]["boundary_approximate"] is False
    polygon = shapely.geometry.shape(taldykorgan["geometry"])
    assert polygon.geom_type in ("Polygon", "MultiPolygon") and polygon.is_valid
    # The object at Taldykorgan's centre lies inside the exported polygon.
    assert polygon.contains(shapely.Point(78.37, 45.01))


def test_one_district_exports_its_polygon_alone(db):
    initialise(db)
    scope = exports.Scope(district=factories.TEKELI)
    doc = json.loads(exports.export_districts(db, "geojson", "kk", scope).data)
    [feature] = doc["features"]
    assert feature["properties"]["district_kato"] == factories.TEKELI
    assert feature["properties"]["oblast"] == "Жетісу облысы"
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
