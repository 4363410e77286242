"""Place names: the correction table, the official oblast names, one script per name."""

import pytest

from tracker.geo.catalog import load_catalog
from tracker.geo.names import NAME_FIELDS, Correction, apply_corrections, load_corrections, load_oblasts, mixed_script
from tracker.geo.shipped import oblast_code

CATALOGUE = {d.kato: d for d in load_catalog()}
LANGS = ("kk", "ru", "en")


def _names(kato: str) -> dict[str, str]:
    d = CATALOGUE[kato]
    return {"kk": d.name_kk, "ru": d.name_ru, "en": d.name_en}


@pytest.mark.parametrize(
    ("kato", "kk", "ru", "en"),
    [
        ("334800000", "Сарқан", "Саркандский", "Sarkand"),
        ("331000000", "Талдықорған", "Талдыкорган", "Taldykorgan"),
        ("191000000", "Қонаев", "Конаев", "Konaev"),
        ("101010000", "Жаңасемей", "Жанасемейский", "Zhanasemey"),
        ("113400000", "Аршалы", "Аршалынский", "Arshaly"),
        ("791510000", "Еңбекші", "Енбекшинский", "Enbekshi"),
        ("791710000", "Қаратау", "Каратауский", "Karatau"),
    ],
)
def test_the_catalogue_carries_the_corrected_names(kato, kk, ru, en):
    assert _names(kato) == {"kk": kk, "ru": ru, "en": en}


@pytest.mark.parametrize("correction", load_corrections(), ids=lambda c: f"{c.kato}-{c.field}")
def test_every_correction_is_applied_and_sourced(correction):
    assert correction.field in NAME_FIELDS
    assert correction.reason.strip() and correction.source.strip()
    assert getattr(CATALOGUE[correction.kato], correction.field) == correction.corrected


def test_no_wrong_spelling_is_left_anywhere_in_the_catalogue():
    wrong = {"Сарқант", "Сарканский", "Чимкент", "Енбекшинскийский", "Каратаускийский", "Konaiev", "Zharasemey"}
    for d in CATALOGUE.values():
        values = {d.name_kk, d.name_ru, d.name_en, d.oblast_kk, d.oblast_ru, d.oblast_en}
        assert not values & wrong, d.kato


def test_a_correction_changes_only_the_spelling_it_names():
    names = {
        "334800000": {"name_kk": "Сарқант", "name_ru": "Сарканский", "name_en": "Sarkand"},
        "331000000": {"name_kk": "Талдыкорган", "name_ru": "Талдықорған", "name_en": "Taldykorgan"},
    }
    skipped = apply_corrections(names)
    assert names["334800000"] == {"name_kk": "Сарқан", "name_ru": "Саркандский", "name_en": "Sarkand"}
    assert names["331000000"] == {"name_kk": "Талдықорған", "name_ru": "Талдыкорган", "name_en": "Taldykorgan"}
    assert {c.kato for c in skipped} >= {"191000000", "113400000"}  # not in this small table


def test_a_source_that_fixed_the_name_itself_is_reported_not_overwritten():
    names = {"334800000": {"name_kk": "Сарқан ауданы"}}
    rule = Correction("334800000", "name_kk", "Сарқант", "Сарқан", "misspelling", "decree")
    assert apply_corrections(names, (rule,)) == [rule]
    assert names["334800000"]["name_kk"] == "Сарқан ауданы"


def test_the_table_reproduces_the_catalogue_from_geokz(real_boundaries, geokz_shapefile):
    import geopandas as gpd

    raw = gpd.read_file(geokz_shapefile)
    names = {
        str(k).zfill(9): {"name_kk": kk, "name_ru": ru, "name_en": en}
        for k, kk, ru, en in zip(raw["KATO"], raw["ADM2_KK"], raw["ADM2_RU"], raw["ADM2_EN"])
    }
    assert apply_corrections(names) == []
    assert names == {k: {f: getattr(d, f) for f in NAME_FIELDS} for k, d in CATALOGUE.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_no_name_mixes_scripts(lang):
    for d in CATALOGUE.values():
        for name in (d.name(lang), d.oblast(lang)):
            assert not mixed_script(name, lang), f"{d.kato} {lang}: {name!r}"


def test_the_script_check_catches_look_alikes():
    assert mixed_script("Aршалинский", "ru")  # Latin A
    assert mixed_script("Солтүстiк Қазақстан", "kk")  # Latin i
    assert mixed_script("Аlmaty", "en")  # Cyrillic А
    assert not mixed_script("Солтүстік Қазақстан облысы", "kk")


@pytest.mark.parametrize(
    ("oblast", "kk", "ru", "en"),
    [
        ("330000000", "Жетісу облысы", "область Жетісу", "Zhetysu Region"),
        ("100000000", "Абай облысы", "область Абай", "Abai Region"),
        ("620000000", "Ұлытау облысы", "область Ұлытау", "Ulytau Region"),
        ("190000000", "Алматы облысы", "Алматинская область", "Almaty Region"),
        ("590000000", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"),
        ("710000000", "Астана қаласы", "город Астана", "Astana city"),
        ("750000000", "Алматы қаласы", "город Алматы", "Almaty city"),
        ("790000000", "Шымкент қаласы", "город Шымкент", "Shymkent city"),
    ],
)
def test_districts_name_their_oblast_officially(oblast, kk, ru, en):
    districts = [d for d in CATALOGUE.values() if oblast_code(d.kato) == oblast]
    assert districts
    assert {(d.oblast_kk, d.oblast_ru, d.oblast_en) for d in districts} == {(kk, ru, en)}


def test_cities_of_republican_significance_are_cities_in_every_language():
    cities = {k: o for k, o in load_oblasts().items() if o.kind == "city"}
    assert set(cities) == {"710000000", "750000000", "790000000"}
    for d in CATALOGUE.values():
        names = (d.oblast_kk, d.oblast_ru, d.oblast_en)
        if d.in_republican_city:
            assert "қаласы" in names[0] and "город" in names[1] and "city" in names[2], d.kato
            assert not any(w in " ".join(names) for w in ("облыс", "област", "Region", "oblast")), d.kato
        else:
            assert "облысы" in names[0] and "област" in names[1] and names[2].endswith(" Region"), d.kato


def test_every_oblast_name_has_a_source():
    oblasts = load_oblasts()
    assert len(oblasts) == 20
    assert all(o.source.strip() for o in oblasts.values())
