"""The locator map of one object: its point in its stage colour, escaped, offline, in its district."""

import re

import pytest

from tracker.domain.enums import Stage
from tracker.i18n import label
from tracker.maps.locator import build_locator_map
from tracker.maps.palette import STAGE_COLOURS

PAYLOAD = '<img src=x onerror=alert(1)>${document.title="PWNED"}`x`\\'
OUTLINE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"kato": "331000000"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[78.2, 44.9], [78.6, 44.9], [78.6, 45.2], [78.2, 45.2], [78.2, 44.9]]],
            },
        }
    ],
}


def _html(fmap) -> str:
    return fmap.get_root().render()


@pytest.mark.parametrize("stage", list(Stage))
def test_the_point_takes_its_stage_colour(stage):
    fmap = build_locator_map(45.01, 78.37, "Мектеп", stage, "kk")
    circles = [c for c in fmap._children.values() if type(c).__name__ == "CircleMarker"]
    assert len(circles) == 1
    assert circles[0].location == [45.01, 78.37]
    assert circles[0].options["fillColor"] == STAGE_COLOURS[stage]


def test_the_name_is_escaped_for_html_and_for_javascript_templates():
    html = _html(build_locator_map(45.01, 78.37, PAYLOAD, Stage.IN_WORKS, "ru"))
    assert "<img src=x" not in html
    assert "${document" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&#36;{document.title=&quot;PWNED&quot;}&#96;x&#96;&#92;" in html
    assert label(Stage.IN_WORKS, "ru") in html  # the stage is named in the tooltip's language


def test_nothing_is_loaded_from_a_cdn():
    html = _html(build_locator_map(45.01, 78.37, "Мектеп", Stage.PLANNED, "kk", OUTLINE, approximate=True))
    assert re.findall(r'<(?:script|link)[^>]+(?:src|href)="https?://', html) == []
    assert "data:text/javascript;base64," in html


def test_with_an_outline_the_map_opens_on_the_whole_district_dashed_when_approximate():
    fmap = build_locator_map(45.01, 78.37, "Мектеп", Stage.PLANNED, "kk", OUTLINE, approximate=True)
    html = _html(fmap)
    assert "fitBounds" in html and "[[44.9, 78.2], [45.2, 78.6]]" in html
    assert '"dashArray": "5"' in html
    official = _html(build_locator_map(45.01, 78.37, "Мектеп", Stage.PLANNED, "kk", OUTLINE))
    assert '"dashArray": "5"' not in official


def test_without_tiles_the_point_still_shows_on_a_plain_background():
    html = _html(build_locator_map(45.01, 78.37, "Мектеп", Stage.ACCEPTED, "en", OUTLINE, tiles=None))
    assert "tile.openstreetmap.org" not in html
    assert STAGE_COLOURS[Stage.ACCEPTED] in html


def test_the_scale_bar_is_in_kilometres_only():
    html = build_locator_map(44.99, 78.38, "Мектеп", Stage.IN_WORKS, "kk", tiles=None).get_root().render()
    assert "L.control.scale({imperial: false, metric: true})" in html
    assert "L.control.scale()" not in html
