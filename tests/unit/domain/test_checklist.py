"""The site-audit checklist file: every zone, category, unit and rule well-formed; bad files refused."""

import copy
import json

import pytest
from pydantic import ValidationError

from tracker.domain.checklist import by_version, load, parse
from tracker.domain.checklist.model import HERE, UNITS
from tracker.domain.enums import DisabilityCategory
from tracker.domain.errors import RuleViolation
from tracker.domain.passport import Zone


def raw() -> dict:
    return json.loads((HERE / "site_audit_v1.json").read_text(encoding="utf-8"))


def test_the_shipped_checklist_covers_every_zone_and_category():
    checklist = load()
    assert set(checklist.zones) == set(Zone)
    assert {c for qs in checklist.zones.values() for q in qs for c in q.categories} == set(DisabilityCategory)
    assert all(q.unit in UNITS for _, q in checklist.limits())
    assert checklist.version == "2026.1"


def test_the_limits_asked_for_are_all_there():
    ids = {q.id for qs in load().zones.values() for q in qs}
    asked = {
        "ramp_slope",
        "ramp_rise",
        "landing_length",
        "door_width",
        "threshold_height",
        "corridor_width",
        "cubicle_width",
        "cubicle_depth",
        "grab_bars",
        "lift_width",
        "lift_depth",
        "signage_height",
        "parking_width",
        "parking_distance",
        "tactile_indicators",
        "contrast_marking",
        "braille",
        "sound_light_signals",
        "induction_loop",
        "call_button",
    }
    assert asked <= ids


def test_limits_without_a_checked_clause_say_to_confirm():
    checklist = load()
    door = checklist.question(Zone.ENTRANCE, "door_width")
    threshold = checklist.question(Zone.ENTRANCE, "threshold_height")
    assert (door.norm.clause, door.norm.to_confirm) == ("4.3.2.14", False)
    assert threshold.norm.clause is None and threshold.norm.to_confirm


def _broken(change) -> dict:
    data = copy.deepcopy(raw())
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d["zones"].pop("route"), id="a zone left out"),
        pytest.param(lambda d: d["zones"]["entrance"][5].update(unit="inch"), id="unknown unit"),
        pytest.param(
            lambda d: d["zones"]["entrance"][5]["rule"].update(fail={"hearing": "DCH"}), id="foreign category"
        ),
        pytest.param(
            lambda d: d["zones"]["entrance"][5]["rule"].update(fail={"wheelchair": "BAD"}), id="unknown state"
        ),
        pytest.param(lambda d: d["zones"]["entrance"][5]["norm"].update(doc="snip"), id="unknown norm"),
        pytest.param(
            lambda d: d["zones"]["entrance"][5]["norm"].update(clause=None, status="sourced"), id="sourced, no clause"
        ),
        pytest.param(lambda d: d["zones"]["entrance"][5]["rule"].pop("min"), id="measure without a limit"),
        pytest.param(lambda d: d["zones"]["entrance"][5]["label"].pop("kk"), id="no Kazakh label"),
        pytest.param(
            lambda d: d["zones"]["entrance"][2]["rule"]["relaxed"].update(when="nowhere"), id="dangling input"
        ),
        pytest.param(lambda d: d["zones"]["entrance"].append(d["zones"]["entrance"][0]), id="repeated id"),
        pytest.param(
            lambda d: d["zones"]["entrance"][5]["rule"]["severe"].update(beyond=0.95), id="severe inside limit"
        ),
    ],
)
def test_a_malformed_checklist_is_refused(change):
    with pytest.raises(ValidationError):
        parse(json.dumps(_broken(change)))


def test_an_audit_finds_the_checklist_it_was_answered_with():
    assert by_version("2026.1") == load()
    with pytest.raises(RuleViolation):
        by_version("1999.9")
