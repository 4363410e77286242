"""Old KATO codes and former names lead to today's district, with the change's date and source."""

from datetime import date

import pytest

from tracker.geo.catalog import load_catalog
from tracker.geo.kato_changes import KINDS, KatoChanges, kato_changes, load_kato_changes
from tracker.geo.names import load_oblasts
from tracker.io.districts import name_key

TODAY = {d.kato for d in load_catalog()}


@pytest.mark.parametrize(
    ("old", "today", "name_en", "when"),
    [
        ("191000000", "331000000", "Taldykorgan", date(2022, 6, 8)),  # before the split; Қонаев's code today
        ("196000000", "334800000", "Sarkand", date(2022, 6, 8)),
        ("192600000", "331800000", "Tekeli", date(2022, 6, 8)),
        ("191600000", "191000000", "Konaev", date(2022, 5, 3)),  # Kapshagai
        ("632800000", "101000000", "Semey", date(2022, 6, 8)),  # East Kazakhstan → Abay
        ("351800000", "621000000", "Zhezkazgan", date(2022, 6, 8)),  # Karaganda → Ulytau
        ("514400000", "614400000", "Maktaaral", date(2018, 6, 19)),  # South Kazakhstan → Turkestan
    ],
)
def test_an_old_code_leads_to_todays_district(old, today, name_en, when):
    [found] = kato_changes().for_code(old)
    assert (found.kato, found.today.name_en, found.change.date) == (today, name_en, when)
    assert found.change.source.strip()


def test_191000000_is_flagged_as_a_reused_code():
    changes = kato_changes()
    assert changes.reused("191000000")  # Taldykorgan before June 2022, Қонаев today
    assert [c for c in TODAY if changes.reused(c)] == ["191000000"]
    assert not changes.reused("334800000") and not changes.reused("196800000")


def test_a_code_that_never_changed_has_no_history():
    assert kato_changes().for_code("195200000") == []  # Karasay


@pytest.mark.parametrize(
    ("former", "today", "when"),
    [
        ("Капшагай", "191000000", date(2022, 5, 3)),
        ("Капчагай", "191000000", date(2022, 5, 3)),
        ("Қапшағай", "191000000", date(2022, 5, 3)),
        ("Жетыген", "191800000", date(2024, 1, 9)),  # the village made the city of Alatau
        ("Нур-Султан", "710000000", date(2022, 9, 17)),
        ("Южно-Казахстанская область", "610000000", date(2018, 6, 19)),
    ],
)
def test_a_former_name_leads_to_today(former, today, when):
    [found] = kato_changes().for_name(former)
    assert (found.kato, found.change.date) == (today, when)


def test_with_the_importers_name_key_written_forms_match_too():
    changes = KatoChanges(load_kato_changes(), load_catalog(), key=name_key)
    for written in ("г. Капчагай", "Қапшағай қ.", "Капшагай қаласы", "Тарановский район"):
        assert [r.kato for r in changes.for_name(written)] in (["191000000"], ["396400000"]), written


def test_current_names_are_not_former_names():
    assert kato_changes().for_name("Талдыкорган") == []
    assert kato_changes().for_name("Қонаев") == []


def test_every_row_is_well_formed_and_sourced():
    oblasts = set(load_oblasts())
    for c in load_kato_changes():
        assert c.kind in KINDS and c.source.strip(), c
        assert c.new_kato in TODAY or c.new_kato in oblasts, c
        assert c.new_name_kk and c.new_name_ru, c
        if c.date is None:
            assert "not found" in c.note, c
        else:
            assert date(2018, 1, 1) <= c.date <= date(2024, 12, 31), c
        if c.kind == "recoded":
            # A recoded district's old code is gone today, except the one reused code.
            assert c.old_kato not in TODAY or c.old_kato == "191000000", c
