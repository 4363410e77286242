"""The claimed-vs-verified list, worst first, with the site audit's reasons in the reader's language."""

from datetime import date

import pandas as pd

from tracker.analytics.discrepancies import claimed_vs_verified, discrepancies, gap_reasons, ranked

ALL_DP = {c: {"current": "DP", "target": "DP"} for c in ("wheelchair", "musculoskeletal", "vision", "hearing")}


def _objects() -> pd.DataFrame:
    rows = [
        # id, stage, spent ₸: four schools reported done, one still in works
        (1, "completed", 12_000_000.0),
        (2, "accepted", 45_000_000.0),
        (3, "completed", 80_000_000.0),
        (4, "completed", 3_000_000.0),
        (5, "in_works", 90_000_000.0),
    ]
    return pd.DataFrame([{"id": i, "stage": s, "budget_spent": b, "passport": ALL_DP} for i, s, b in rows])


def _visit(vid, fid, findings, audit=None, on=date(2025, 6, 1)):
    return {
        "id": vid,
        "facility_id": fid,
        "visited_on": on,
        "organisation": "«Тең қоғам»",
        "findings": findings,
        "audit": audit,
    }


def test_more_categories_worse_come_first_then_further_below_then_more_money_spent():
    visits = pd.DataFrame(
        [
            _visit(1, 1, {"wheelchair": "VND", "vision": "DCH"}),  # 2 categories, 3 + 1 steps
            _visit(2, 2, {"wheelchair": "DCH", "vision": "DCH"}),  # 2 categories, 2 steps
            _visit(3, 3, {"wheelchair": "DU"}),  # 1 category, 2 steps, 80 mln spent
            _visit(4, 4, {"wheelchair": "DU"}),  # 1 category, 2 steps, 3 mln spent
            _visit(5, 5, {"wheelchair": "VND", "vision": "VND", "hearing": "VND"}),  # not reported done
        ]
    )
    found = discrepancies(_objects(), visits)
    assert list(found["id"]) == [1, 2, 3, 4]
    assert list(found["worse"]) == [2, 2, 1, 1]
    assert list(found["steps"]) == [4, 2, 2, 2]


def test_the_latest_visit_decides_and_a_fixed_object_leaves_the_list():
    visits = pd.DataFrame(
        [
            _visit(1, 1, {"wheelchair": "VND"}, on=date(2024, 9, 1)),
            _visit(2, 1, {"wheelchair": "DP"}, on=date(2025, 6, 1)),
            _visit(3, 4, {"wheelchair": "DCH"}),
        ]
    )
    assert list(discrepancies(_objects(), visits)["id"]) == [4]


def test_an_empty_list_ranks_to_an_empty_list():
    table = claimed_vs_verified(
        _objects(), pd.DataFrame(columns=["id", "facility_id", "visited_on", "organisation", "findings", "audit"])
    )
    assert ranked(table[table["status"] == "discrepancy"]).empty


def test_the_reasons_are_the_audits_for_the_categories_below_target_in_each_language():
    audit = {"checklist_version": "2026.1", "answers": {"entrance": {"door_width": 0.85, "call_button": "yes"}}}
    gaps = [{"category": "wheelchair", "target": "DP", "found": "DCH"}]
    ru = gap_reasons(audit, gaps, "ru")
    kk = gap_reasons(audit, gaps, "kk")
    assert len(ru) == 1 and "0,85" in ru[0] and "4.3.2.14" in ru[0] and ru[0].startswith("Вход, К")
    assert len(kk) == 1 and kk[0].startswith("Кіреберіс, К")
    assert gap_reasons(audit, [{"category": "hearing", "target": "DP", "found": "DCH"}], "ru") == []
    assert gap_reasons(None, gaps, "ru") == []  # a visit typed in by hand has findings, not reasons
