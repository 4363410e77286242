"""Districts found by KATO code or by name in any language; typos become guesses to confirm."""

import pytest

from tracker.geo.catalog import load_catalog
from tracker.io.districts import DistrictMatcher

MATCHER = DistrictMatcher(list(load_catalog()))


@pytest.mark.parametrize(
    "name", ["Талғар ауданы", "Талгарский район", "Talgar", "Талгар", "талгар  р-н", "TALGAR DISTRICT"]
)
def test_spellings_of_one_district(name):
    assert MATCHER.match(name).kato == "196200000"


@pytest.mark.parametrize("name", ["г. Талдыкорган", "Талдықорған қ.", "Taldykorgan city"])
def test_cities(name):
    assert MATCHER.match(name).kato == "331000000"


@pytest.mark.parametrize("name", ["Талгрский", "Ќарасай"])
def test_a_typo_is_only_a_guess(name):
    match = MATCHER.match(name)
    assert match.kato is None and match.guess in ("196200000", "195200000")


def test_a_confirmed_guess_is_a_match():
    assert MATCHER.match("Талгрский", confirmed={"Талгрский": "196200000"}).kato == "196200000"


def test_a_shared_name_needs_the_oblast():
    assert len(MATCHER.match("Ақсу").ambiguous) == 2
    assert MATCHER.match("Ақсу", MATCHER.oblast("Жетісу облысы")).kato == "333200000"


def test_nothing_like_it():
    assert MATCHER.match("Qwertyuiop") == type(MATCHER.match("x"))(None)
