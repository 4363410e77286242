"""The gap index: components, weights, completeness, ranks, reasons, and the exported list."""

import csv
import io
import math

import numpy as np
import pandas as pd
import pytest

from tests.unit.analytics.coverage_fixtures import districts
from tracker.analytics.gap_index import COMPONENTS, PRESETS, gap_components, gap_index
from tracker.analytics.gap_report import neutralise, priority_rows, reason_text, to_csv
from tracker.domain.cells import FORMULA_START
from tracker.io import tabular

A, B, C = "331000000", "331800000", "333200000"
NAN = float("nan")


def coverage_rows(ratios):
    return pd.DataFrame(
        {
            "kato": list(ratios),
            "vehicles_per_1000": list(ratios.values()),
            "norm_per_1000": 0.5,
            "source": "taxi",
            "year": "2025",
            "estimate": True,
            "demo": False,
        }
    )


def reach_rows(km):
    return pd.DataFrame(
        {
            "kato": list(km),
            "admin_km": list(km.values()),
            "mean_km": list(km.values()),
            "settlements": [0 if isinstance(v, str) else 1 for v in km.values()],
            "source": "reach",
            "year": "2021",
            "estimate": False,
            "demo": False,
        }
    ).replace("none", NAN)


def share_rows(shares, assessed=10):
    return pd.DataFrame(
        [
            {
                "district_kato": k,
                "category": c,
                "share": s,
                "assessed": assessed,
                "source": "passports",
                "year": "2024",
                "estimate": False,
                "demo": True,
            }
            for k, by_cat in shares.items()
            for c, s in by_cat.items()
        ]
    )


@pytest.fixture
def components():
    every = ("wheelchair", "mobility", "vision", "hearing", "intellectual")
    return gap_components(
        coverage_rows({A: 0.25, B: 0.5, C: NAN}),
        reach_rows({A: 10.0, B: 150.0, C: "none"}),
        reach_rows({A: 0.0, B: 50.0, C: "none"}),
        share_rows({A: dict.fromkeys(every, 0.5), B: dict.fromkeys(every, 0.9) | {"vision": 0.1}}),
        reach_km=50,
    ).set_index("kato", drop=False)


def test_components_are_hand_checked_gaps(components):
    a, b = components.loc[A], components.loc[B]
    assert a.gap_taxi == pytest.approx(0.5)  # 1 − 0.25 ÷ 0.5
    assert b.gap_taxi == 0.0  # at the norm
    assert a.gap_reach_children == pytest.approx(0.1)  # 10 km ÷ (2 × 50 km)
    assert b.gap_reach_children == 1.0  # 150 km: capped
    assert b.gap_reach_adults == pytest.approx(0.5)  # at the limit
    assert b.gap_access_vision == pytest.approx(0.9) and b.value_access_vision == pytest.approx(0.1)
    assert math.isnan(components.loc[C, "gap_taxi"]) and math.isnan(components.loc[C, "gap_reach_children"])
    assert a.estimate_taxi and a.demo_access_vision and not a.demo_taxi


def test_an_index_is_the_weighted_mean_of_the_components_with_data(components):
    weights = {"taxi": 2, "reach_children": 1, "access_vision": 1}
    index = gap_index(components, weights).set_index("kato")
    assert index.loc[A, "index"] == pytest.approx((2 * 0.5 + 1 * 0.1 + 1 * 0.5) / 4)
    assert index.loc[B, "index"] == pytest.approx((0 + 1 + 0.9) / 4)
    assert index.loc[B, "rank"] == 1 and index.loc[A, "rank"] == 2
    # C has no data for any weighted component: insufficient, no index, no rank, hatched on the map
    assert not index.loc[C, "sufficient"] and math.isnan(index.loc[C, "index"]) and math.isnan(index.loc[C, "rank"])
    assert index.loc[C, "completeness"] == 0 and index.loc[C, "missing"] == ["taxi", "reach_children", "access_vision"]


def test_completeness_threshold(components):
    only_c = components.copy()
    only_c.loc[C, "gap_access_vision"] = 0.4  # C now has data for 1 of 4 weight units
    weights = {"taxi": 2, "reach_children": 1, "access_vision": 1}
    assert not gap_index(only_c, weights, min_completeness=0.6).set_index("kato").loc[C, "sufficient"]
    relaxed = gap_index(only_c, weights, min_completeness=0.25).set_index("kato")
    assert relaxed.loc[C, "sufficient"] and relaxed.loc[C, "index"] == pytest.approx(0.4)
    assert relaxed.loc[C, "completeness"] == pytest.approx(0.25)


def test_reasons_give_the_largest_contributions_first(components):
    index = gap_index(components, {"taxi": 2, "reach_children": 1, "access_vision": 1}).set_index("kato")
    reasons = index.loc[B, "reasons"]
    assert [r["component"] for r in reasons] == ["reach_children", "access_vision"]  # taxi adds nothing
    assert reasons[0]["contribution"] == pytest.approx(0.25) and reasons[0]["value"] == 150.0


def test_presets_reorder_the_list(components):
    wheelchair = gap_index(components, PRESETS["wheelchair"])
    blind = gap_index(components, PRESETS["blind"])
    assert wheelchair["kato"].iloc[0] == A  # A has too few vehicles
    assert blind["kato"].iloc[0] == B  # B's objects are inaccessible for the blind
    assert set(PRESETS) == {"balanced", "wheelchair", "blind", "children"}
    assert all(set(p) == set(COMPONENTS) for p in PRESETS.values())


@pytest.mark.parametrize("weights", [{}, {"taxi": 0}, {"taxi": -1}, {"taxi": np.inf}])
def test_weights_must_be_usable(components, weights):
    with pytest.raises(ValueError):
        gap_index(components, weights)


def test_reasons_in_words():
    assert (
        reason_text({"component": "taxi", "value": 0.2}, "en", 0.49)
        == "0.20 vehicles per 1,000 registered (comparison point 0.49)"
    )
    assert (
        reason_text({"component": "reach_children", "value": 140.2}, "en", 0.49)
        == "nearest children's rehabilitation 140 km away"
    )
    assert (
        reason_text({"component": "reach_adults", "value": NAN}, "ru", 0.49) == "нет центра реабилитации для взрослых"
    )
    assert (
        reason_text({"component": "access_vision", "value": 0.1}, "kk", 0.49)
        == "С — көру бұзылыстары: нысандардың 10\u00a0% қолжетімді"
    )
    assert (
        reason_text({"component": "taxi", "value": 0.2}, "ru", 0.49)
        == "0,20 машины на 1\u00a0000 зарегистрированных (точка сравнения 0,49)"
    )


def test_priority_list_export_neutralises_formulas(components):
    index = gap_index(components, PRESETS["wheelchair"])
    ds = districts((A, {}), (B, {}), (C, {}))
    ds.loc[ds["kato"] == A, "name_en"] = '=HYPERLINK("http://x")'
    table = priority_rows(index, ds, "en", 0.5)
    assert table["Rank"].tolist()[:2] == ["1", "2"] and table["Gap index (0–100)"].iloc[-1] == "Insufficient data"
    data = to_csv(table, note="-demo")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["'-demo"]
    assert rows[1][0] == "Rank"
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize(
    "cell, expected",
    [("=1+1", "'=1+1"), ("+7", "'+7"), ("-x", "'-x"), ("@a", "'@a"), ("\tx", "'\tx"), ("Талғар", "Талғар"), (3, 3)],
)
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


HOSTILE = ["=2+5", "@SUM(2+5)", "+7 701 000 00 00", "-2+3", "\t=1+1", "\r=1+1", "Абай к-сі, =2+5", "x;@SUM(1)", "a\t+1"]


@pytest.mark.parametrize("split_on", [",", ";", "\t", "|"])
def test_the_priority_list_csv_neutralises_like_the_other_exports(components, split_on):
    """District names as an akimat's file might carry them; Excel in kk/ru splits on `;`."""
    index = gap_index(components, PRESETS["wheelchair"])
    ds = districts((A, {}), (B, {}), (C, {}))
    table = priority_rows(index, ds, "ru", 0.5)
    table = pd.concat([table] * len(HOSTILE), ignore_index=True)
    table.iloc[:, 1] = HOSTILE * (len(table) // len(HOSTILE))
    data = to_csv(table, note="-демо; =1+1")
    text = data.decode("utf-8-sig")
    for line in text.splitlines():
        for piece in line.split(split_on):
            assert not piece.strip('"').startswith(FORMULA_START), (line, piece)
    rows = list(csv.reader(io.StringIO(text)))
    assert [tabular.neutralise(name) for name in HOSTILE] == [row[1] for row in rows[2 : 2 + len(HOSTILE)]]
    assert rows[0] == ["'-демо; '=1+1"]
