"""No English sentence on a Kazakh or Russian page or district report.

Every page of the app is rendered under AppTest in kk and ru — the public ones, the district
and object pages, and those an administrator sees — and every text a reader meets (headings,
paragraphs, captions, metrics and their help, widget labels and options, table headers and
cells) is searched for a run of three or more Latin words that are not names or codes.
"""

import re
from html import unescape

import folium
import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import APP, open_page, sign_in
from tests.support.english import english_runs, texts_of_frame
from tracker.i18n import source_text, t
from tracker.maps.extras import rehab_layer
from tracker.services.actor import SYSTEM
from tracker.services.boundaries import APPROXIMATE_SOURCE
from tracker.services.exports import export_report
from tracker.services.users import add_user
from tracker.storage.database import Database
from tracker.storage.engine import make_engine
from tracker.storage.queries import rehab_frame

PASSWORD = "Zhetysu-oblysy-2025"
PUBLIC = ["overview", "map", "claimed-vs-verified", "coverage", "priorities", "export", "sources"]
SIGNED_IN = ["edit", "visits", "import", "users"]
#: Districts whose reports carry the seed's rehabilitation centres and Invataxi reports.
REPORTS = ["331000000", "333400000", "191000000", "194200000", "196200000"]
_CODE = re.compile(r"`[^`]*`")


def shown_texts(at: AppTest) -> list[str]:
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "text"):
        out += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        out += [str(m.label), str(m.value), str(m.proto.help)]
    for kind in ("selectbox", "multiselect", "radio", "text_input", "number_input", "checkbox", "toggle", "button"):
        for w in getattr(at, kind):
            out += [str(w.label), str(getattr(w, "help", "") or "")]
            out += [str(o) for o in getattr(w, "options", [])]
    out += [str(e.label) for e in at.expander] + [str(tab.label) for tab in at.tabs]
    for frame in [d.value for d in at.dataframe] + [table.value for table in at.table]:
        out += list(texts_of_frame(frame))
    return [_CODE.sub(" ", text) for text in out]  # commands in backticks are code, not prose


def english_on(at: AppTest) -> set[str]:
    return {run for text in shown_texts(at) for run in english_runs(text)}


@pytest.fixture
def admin_app(demo_copy, use_data_dir):
    engine = make_engine(f"sqlite:///{demo_copy / 'tracker.db'}")
    add_user(Database(engine), SYSTEM, {"username": "admin", "display_name": "Әкімші", "role": "admin"}, PASSWORD)
    use_data_dir(demo_copy)
    yield Database(engine)
    engine.dispose()


def _app(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    return at.run()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_sentence_on_any_page(admin_app, lang):
    first_object = admin_app.engine.connect().exec_driver_sql("SELECT min(id) FROM facilities").scalar_one()
    found: dict[str, set[str]] = {}
    at = _app(lang)
    visits = [(page, {}) for page in PUBLIC]
    visits += [("district", {"kato": kato}) for kato in ("331000000", "194200000")]
    visits += [("object", {"id": str(first_object)})]
    for page, params in visits:
        at = open_page(at, page, **params)
        assert not at.exception, (page, at.exception)
        found[page + str(params)] = english_on(at)
    at = sign_in(at, "admin", PASSWORD)
    for page in SIGNED_IN:
        at = open_page(at, page)
        assert not at.exception, (page, at.exception)
        found[page] = english_on(at)
    assert {page: runs for page, runs in found.items() if runs} == {}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_sentence_in_a_district_report(admin_app, lang):
    found = {}
    for kato in REPORTS:
        html = export_report(admin_app, kato, "html", lang).data.decode("utf-8")
        text = re.sub(r"<style.*?</style>|<svg.*?</svg>", " ", html, flags=re.S)
        lines = unescape(re.sub(r"<[^>]+>", "\n", text)).splitlines()
        found[kato] = {run for line in lines for run in english_runs(line)}
    assert {kato: runs for kato, runs in found.items() if runs} == {}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_approximate_outline_is_named_in_the_readers_language(lang):
    assert english_runs(source_text(APPROXIMATE_SOURCE, lang)) == []


def test_the_finder_catches_a_sentence_and_lets_names_through():
    assert english_runs("Демо: date of the figure not given") == ["date of the figure not given"]
    assert english_runs("geokz, A. Rodionov, CC BY 4.0") == []
    assert english_runs("«Halyk Bank» АҚ бөлімшесі") == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_rehabilitation_centres_on_the_map_speak_the_readers_language(demo_engine, lang):
    with demo_engine.connect() as conn:
        centres = rehab_frame(conn)
    m = folium.Map()
    rehab_layer(centres, lang).add_to(m)
    text = unescape(re.sub(r"<[^>]+>", "\n", m.get_root().render()))
    tooltips = [line for line in text.splitlines() if t("maps.source", lang) in line]
    assert len(tooltips) == len(centres) > 0
    assert {run for line in tooltips for run in english_runs(line)} == set()
