"""The public "Sources and method" page, and the same section in the district report."""

import pytest
from streamlit.util import calc_hash

from tracker.services.exports import export_report
from tracker.storage.database import Database

NBSP = "\u00a0"
NAMED = ("224-VII", "01.07.2023", "№ 39", "3.06-101-2012", "3.06-01-2011", "№ 859", "01.11.2013", "geokz", "CC BY 4.0")


def _open(app, lang: str):
    app.query_params["lang"] = lang
    app._page_hash = calc_hash("sources")
    return app.run()


def _text(at) -> str:
    return "\n".join([h.value for h in at.subheader] + [m.value for m in at.markdown])


@pytest.mark.parametrize(
    "lang, title, code, kato",
    [
        ("kk", "Дереккөздер және әдістеме", "Әлеуметтік кодексі", "КАТО"),
        ("ru", "Источники и методика", "Социальный кодекс", "КАТО"),
    ],
)
def test_anyone_reads_the_legal_basis_and_the_method(app, lang, title, code, kato):
    at = _open(app, lang)
    assert not at.exception
    assert at.title[0].value == title
    text = _text(at)
    assert code in text and kato in text
    assert all(name in text for name in NAMED), [n for n in NAMED if n not in text]
    # the settings in force are named: the comparison point and the eligible share
    assert "0,49" in text and f"2,6{NBSP}%" not in text and "2,6 %" in text


def test_the_page_names_the_seed_amounts_and_says_what_is_to_confirm(app):
    text = _text(_open(app, "ru"))
    assert "80 млн ₸" in text and "220 млн ₸" in text and "уточнить" in text
    assert "141,4 млн ₸" in text and "выделено" in text


def test_the_district_report_carries_the_same_method(demo_database):
    db = Database.at(f"sqlite:///{demo_database / 'tracker.db'}")
    html = export_report(db, "333400000", "html", "kk").data.decode("utf-8")
    db.dispose()
    assert "Заңдық негіз және әдістеме" in html
    assert "224-VII" in html and "№ 859" in html and "3.06-101-2012" in html
    assert "Құқығы бар 1 000 адамға шаққанда көлік" in html.replace(NBSP, " ")
