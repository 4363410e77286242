"""The live map's packed layer and its view in the page address (pure; the browser: tests/e2e)."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from tracker.maps.live.options import options, query_from_view, view_from_query
from tracker.maps.live.pack import CATEGORIES, PRECISION_SHIFT, STAGES, pack, unpack

TODAY = date(2026, 12, 2)
KATOS = ["191000000", "195000000", "196000000"]


def rows(n: int = 4, **over) -> pd.DataFrame:
    base = {
        "id": list(range(10, 10 + n)),
        "version": [1] * n,
        "lat": [45.0123 + i / 100 for i in range(n)],
        "lon": [78.3712 + i / 100 for i in range(n)],
        "stage": (["accepted", "in_works", "planned", "cancelled"] * n)[:n],
        "program_year": [2021 + i % 3 for i in range(n)],
        "sector": ["education"] * n,
        "funding_source": ["local"] * n,
        "district_kato": (KATOS * n)[:n],
        "planned_completion": [pd.Timestamp("2025-06-01")] * n,
        "budget_allocated_tiyn": [150_000_000] * n,  # 1.5 mln ₸
        "budget_spent_tiyn": [50_000_000] * n,
        "demo": [True] * n,
    }
    for c in CATEGORIES:
        base[f"rank_{c}"] = [3] * n  # not accessible
        base[f"target_{c}"] = [0] * n  # fully accessible wanted
    base["rank_vision"] = [0] * n  # vision already reached its target
    return pd.DataFrame(base | over)


def test_every_object_comes_back_with_its_place_stage_district_and_money():
    frame = rows()
    layer = pack(frame, KATOS, TODAY)
    back = unpack(layer.blob, layer.meta)
    assert layer.count == len(back) == 4
    by_id = dict(zip(layer.ids.tolist(), back.to_dict("records")))
    first = by_id[10]
    assert first["lat"] == pytest.approx(45.0123, abs=1e-6) and first["lon"] == pytest.approx(78.3712, abs=1e-6)
    assert STAGES[first["stage"]] == "accepted" and KATOS[first["district"]] == "191000000"
    assert first["year"] == 21
    assert first["alloc"] == pytest.approx(1.5, rel=1e-3) and first["spent"] == pytest.approx(0.5, rel=1e-3)  # mln ₸
    assert layer.meta["demo"] is True


def test_overdue_and_below_target_flags_follow_the_day_and_the_passport():
    layer = pack(rows(), KATOS, TODAY)
    back = unpack(layer.blob, layer.meta)
    flags = dict(zip(layer.ids.tolist(), back["flags"].tolist()))
    assert flags[10] & 1 == 0  # accepted: never overdue
    assert flags[11] & 1 == 1 and flags[12] & 1 == 1  # in works / planned after 1 June 2025
    assert flags[13] & 1 == 0  # cancelled
    wheelchair, vision = CATEGORIES.index("wheelchair"), CATEGORIES.index("vision")
    assert all(f & (2 << wheelchair) for f in flags.values())
    assert not any(f & (2 << vision) for f in flags.values())
    assert pack(rows(), KATOS, date(2025, 1, 1)).blob != layer.blob  # before the date: nothing late


def test_an_approximate_location_is_marked_and_a_missing_column_means_exact():
    frame = rows(location_precision=["exact", "settlement", "district", None])
    layer = pack(frame, KATOS, TODAY)
    precision = dict(
        zip(layer.ids.tolist(), (unpack(layer.blob, layer.meta)["flags"].to_numpy() >> PRECISION_SHIFT).tolist())
    )
    assert precision == {10: 0, 11: 1, 12: 2, 13: 0}
    plain = pack(rows(), KATOS, TODAY)
    assert not (unpack(plain.blob, plain.meta)["flags"].to_numpy() >> PRECISION_SHIFT).any()


def test_fifty_thousand_objects_pack_into_12_bytes_each_and_a_click_maps_back_to_its_id():
    n = 50_000
    rng = np.random.default_rng(7)
    frame = rows(
        n,
        lat=rng.uniform(41, 55, n),
        lon=rng.uniform(47, 87, n),
        district_kato=rng.choice(KATOS, n),
        stage=rng.choice(STAGES, n),
        program_year=rng.integers(2021, 2030, n),
        budget_allocated_tiyn=rng.integers(0, 5_000_000_000_000, n),  # up to 50 bn ₸
    )
    layer = pack(frame, KATOS, TODAY)
    assert len(layer.blob) <= 12 * n + 16
    back = unpack(layer.blob, layer.meta)
    by_id = frame.set_index("id").loc[layer.ids]
    # a district 14° × 40° wide (wider than any real one) still places its objects within 40 m
    assert (np.abs(back["lat"].to_numpy() - by_id["lat"].to_numpy()) <= 0.00012).all()
    assert (np.abs(back["lon"].to_numpy() - by_id["lon"].to_numpy()) <= 0.00032).all()
    assert [STAGES[s] for s in back["stage"]] == by_id["stage"].tolist()
    assert (back["year"].to_numpy() + 2000 == by_id["program_year"].to_numpy()).all()
    assert [KATOS[d] for d in back["district"]] == by_id["district_kato"].tolist()
    # a district's budget execution comes out as the register's to a tenth of a per cent
    mln = by_id["budget_allocated_tiyn"].to_numpy() / 1e8
    assert back["alloc"].sum() == pytest.approx(mln.sum(), rel=1e-3)
    clicked = layer.id_at(1234)
    assert by_id.index[1234] == clicked
    assert layer.id_at(n) is None and layer.id_at(-1) is None
    assert pack(frame, KATOS, TODAY).digest == layer.digest


def test_more_districts_than_the_bit_field_holds_get_a_column_of_their_own():
    katos = [f"{i:09d}" for i in range(600)]
    frame = rows(2, lat=[60.0, 40.0], lon=[100.0, 10.0], district_kato=[katos[599], katos[3]])
    layer = pack(frame, katos, TODAY)
    back = unpack(layer.blob, layer.meta)
    assert sorted(back["district"].tolist()) == [3, 599]  # past 512 districts: a column of its own
    assert sorted(back["lat"].round(4)) == [40.0, 60.0]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"stage": "completed,accepted"},
        {"stage": "accepted", "oblast": "Zhetysu Region", "year": "2023", "overdue": "1", "metric": "overdue"},
        {"sector": "health", "funding": "republican", "category": "wheelchair"},
        {"rehab": "1", "invataxi": "1"},
    ],
)
def test_a_shared_address_opens_the_same_view_and_writes_it_back_the_same(query):
    oblasts = ["Almaty Region", "Zhetysu Region"]
    view = view_from_query(query, oblasts)
    expected = dict(query)
    if "stage" in expected:  # written in the order of the stages
        expected["stage"] = ",".join(s for s in STAGES if s in query["stage"].split(","))
    assert query_from_view(view, oblasts) == expected


def test_unknown_values_in_the_address_are_ignored():
    view = view_from_query({"stage": "built,<script>", "year": "1999", "metric": "x", "oblast": "Mars"}, ["A"])
    assert view == view_from_query({}, ["A"])


def test_texts_for_the_script_are_plain_and_credit_is_escaped():
    districts = pd.DataFrame(
        {
            "kato": KATOS,
            "name_kk": ["Талдықорған", "<b>Ақсу</b>", "Алакөл"],
            "oblast_en": ["Zhetysu Region"] * 3,
            "oblast_kk": ["Жетісу облысы"] * 3,
        }
    )
    opts = options(districts, "kk", "geokz <i>CC BY</i>", False, "OpenStreetMap", {})
    assert opts["districts"][1]["name"] == "<b>Ақсу</b>"  # set with textContent by the script
    assert opts["credit"] == "geokz &lt;i&gt;CC BY&lt;/i&gt;"  # Leaflet writes the credit as HTML
    assert opts["tiles"]["url"].startswith("https://tile.openstreetmap.org/")
    assert opts["stageLabels"][STAGES.index("accepted")] == "Комиссия қабылдады"
