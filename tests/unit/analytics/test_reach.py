"""Rehabilitation reach on hand-placed settlements and centres, distances against known values."""

import math

import pandas as pd
import pytest

from tests.unit.analytics.coverage_fixtures import districts, figure
from tracker.analytics.reach import district_reach, planned_effect, region_reach, settlement_reach

ALMATY = (43.2389, 76.8897)
ASTANA = (51.1694, 71.4491)
TALDYKORGAN = (45.015, 78.373)
TEKELI = (44.845, 78.830)
D1, D2 = "331000000", "331800000"


def haversine_km(a, b):
    """Great circle on the mean sphere: an independent check, within 0.5 % of the ellipsoid."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def settlements(*rows):
    return pd.DataFrame(
        [
            {
                "id": sid,
                "name_kk": sid,
                "name_ru": sid,
                "name_en": sid,
                "district_kato": kato,
                "lat": p[0],
                "lon": p[1],
                "admin_centre": admin,
                "population": population,
                "population_source": "test" if population == population else "",
                "population_estimate": False,
                "source": "test settlements",
            }
            for sid, kato, p, admin, population in rows
        ]
    )


def centres(*rows):
    return pd.DataFrame(
        [
            {
                "id": cid,
                "name": f"centre {cid}",
                "kind": "day_care",
                "target_groups": groups,
                "places": places,
                "status": status,
                "opening_year": None,
                "district_kato": kato,
                "lat": p[0],
                "lon": p[1],
                "operator": None,
                "source": "test",
                "demo": False,
            }
            for cid, groups, places, status, kato, p in rows
        ]
    )


def test_distance_matches_the_known_geodesic_within_one_percent():
    s = settlements(("almaty", D1, ALMATY, True, 2_000_000.0))
    c = centres((1, ["children"], 50, "operating", D2, ASTANA))
    km = settlement_reach(s, c, "children").loc[0, "km"]
    # Vincenty's inverse formula on WGS84 gives 972.609 km for these two points.
    assert km == pytest.approx(972.609, rel=0.01)
    assert km == pytest.approx(972.609, abs=0.01)


def test_short_distance_against_an_independent_formula():
    s = settlements(("tekeli", D2, TEKELI, True, 26_678.0))
    c = centres((1, ["children"], 50, "operating", D1, TALDYKORGAN))
    km = settlement_reach(s, c, "children").loc[0, "km"]
    assert km == pytest.approx(haversine_km(TEKELI, TALDYKORGAN), rel=0.01)
    assert 38 < km < 42


@pytest.fixture
def world():
    s = settlements(
        ("taldykorgan", D1, TALDYKORGAN, True, 116_558.0),
        ("tekeli", D2, TEKELI, True, 26_678.0),
        ("far", D2, (46.0, 80.5), False, 1_000.0),  # ~190 km north-east of Taldykorgan
        ("unknown", D2, (44.9, 78.9), False, float("nan")),
    )
    c = centres(
        (1, ["children", "autism"], 50, "operating", D1, TALDYKORGAN),
        (2, ["adults"], 100, "operating", D2, TEKELI),
        (3, ["children"], 40, "planned", D2, (46.0, 80.45)),  # ~4 km from "far"
        (4, ["children"], None, "operating", D1, (45.02, 78.38)),
    )
    ds = districts(
        (D1, {"disabled_total": figure(6000), "disabled_children": figure(800, "split", 2021, True)}),
        (D2, {"disabled_total": figure(1000)}),
    )
    return s, c, ds


def test_only_centres_of_the_right_group_count(world):
    s, c, _ = world
    adults = settlement_reach(s, c, "adults", reach_km=50).set_index("id")
    assert adults.loc["tekeli", "centre_id"] == 2 and adults.loc["tekeli", "km"] == pytest.approx(0, abs=1e-6)
    assert adults.loc["taldykorgan", "centre_id"] == 2
    children = settlement_reach(s, c, "children", reach_km=50).set_index("id")
    assert children.loc["tekeli", "centre_id"] in (1, 4)  # never the adults' centre next door
    assert children.loc["far", "beyond"] and not children.loc["tekeli", "beyond"]


def test_no_eligible_centre_leaves_every_settlement_beyond(world):
    s, c, _ = world
    reach = settlement_reach(s, c, "psychoneurological")
    assert reach["km"].isna().all() and reach["beyond"].all()


def test_with_planned_the_planned_centre_serves_the_far_settlement(world):
    s, c, _ = world
    later = settlement_reach(s, c, "children", with_planned=True, reach_km=50).set_index("id")
    assert later.loc["far", "centre_id"] == 3 and later.loc["far", "km"] < 5
    effect = planned_effect(s, c, "children", reach_km=50).set_index("id")
    assert effect.loc["far", "newly_reached"] and not effect.loc["tekeli", "newly_reached"]
    assert effect.loc["far", "km_saved"] == pytest.approx(
        effect.loc["far", "km_now"] - effect.loc["far", "km_with_planned"]
    )


def test_district_figures_places_per_10000_and_population_beyond(world):
    s, c, ds = world
    reach = settlement_reach(s, c, "children", reach_km=50)
    per = district_reach(reach, ds, c, "children").set_index("kato")
    d1, d2 = per.loc[D1], per.loc[D2]
    # children's places are divided by children with disabilities: 50 ÷ 800 × 10,000
    assert d1.places == 50 and d1.places_unknown == 1 and d1.places_per_10000 == pytest.approx(625)
    assert d1.estimate and d1.year == "2021"
    assert d2.places == 0 and math.isnan(d2.places_per_10000)  # no children figure for D2
    assert d2.settlements == 3 and d2.settlements_beyond == 1
    assert d2.population_listed == 27_678 and d2.population_beyond == 1_000  # unknown population not counted
    assert d2.admin_km == pytest.approx(haversine_km(TEKELI, TALDYKORGAN), rel=0.01)
    assert d2.max_km > 150
    adults = district_reach(settlement_reach(s, c, "adults", reach_km=50), ds, c, "adults").set_index("kato")
    assert adults.loc[D2, "places_per_10000"] == pytest.approx(1000)  # 100 ÷ 1,000 registered × 10,000


def test_region_totals(world):
    s, c, _ = world
    totals = region_reach(settlement_reach(s, c, "children", reach_km=50))
    assert totals == {
        "settlements": 4,
        "settlements_beyond": 1,
        "population_listed": 144_236.0,
        "population_beyond": 1_000.0,
    }
