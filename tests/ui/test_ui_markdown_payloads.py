"""User text and URL parameters are text on every page: no link, image, autolink, HTML or template.

An object, a visit and a person carry the payloads people have typed or pasted; every page is
opened as the public and as an administrator, and no element that Streamlit renders as Markdown
may hold a payload unescaped. The browser side (what Chromium renders) is tests/e2e.
"""

from datetime import date

import pytest

from tests.support.apptest import PASSWORD, new_app, open_page, sign_in
from tests.support.streamlit_server import first_object
from tracker.services.actor import SYSTEM
from tracker.services.facilities import update_facility
from tracker.services.visits import record_visit
from tracker.storage.database import Database
from tracker.ui.markdown import md_escape
from tracker.ui.registry import PAGES

PAYLOADS = {
    "link": "[Кіру](//evil.kz)",
    "image": "![x](/track.png)",
    "autolink": "https://evil.kz/a",
    "www": "www.evil.kz",
    "email": "boss@evil.kz",
    "html": "<b onmouseover=alert(1)>bold</b>",
    "comment": "<!-- hidden -->",
    "template": "${document.body.id}",
    "colour": ":red[alarm]",
}
TEXT = " ".join(PAYLOADS.values())
MARKDOWN_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error")


@pytest.fixture
def poisoned(people_app):
    db = Database(people_app)
    fid, version = first_object(db, stage="completed")
    update_facility(
        db,
        SYSTEM,
        fid,
        {"name_kk": TEXT, "name_ru": TEXT, "contractor": TEXT, "address": TEXT},
        version,
        comment=TEXT,
    )
    record_visit(
        db,
        SYSTEM,
        {
            "facility_id": fid,
            "visited_on": date(2025, 5, 20),
            "organisation": TEXT,
            "findings": {"wheelchair": "VND"},
            "comment": TEXT,
        },
    )
    return fid


def _raw(at) -> list[tuple[str, str]]:
    """(payload, element text) for every Markdown element that holds a payload as typed."""
    found = []
    for kind in MARKDOWN_ELEMENTS:
        for element in getattr(at, kind):
            value = str(element.value)
            found += [(name, value[:120]) for name, payload in PAYLOADS.items() if payload in value]
    return found


DEFAULT = next(p.url_path for p in PAGES if p.default)
#: Every page as the public (those it has) and as an administrator (all of them).
VISITS = [(who, p.url_path) for p in PAGES for who in ("public", "admin") if who == "admin" or p.roles is None]


@pytest.mark.parametrize("who, page", VISITS, ids=[f"{w}-{p}" for w, p in VISITS])
def test_no_page_renders_user_text_as_markdown(poisoned, who, page):
    at = new_app()
    at.query_params.update({"id": str(poisoned), "kato": "331000000", "lang": "ru"})
    at = at.run()
    if who == "admin":
        at = sign_in(at, "boss", "admin-" + PASSWORD)
    if page != DEFAULT:  # the default page is the one the app opens on
        at = open_page(at, page)
    assert not at.exception
    assert _raw(at) == []
    if page == "object":  # the payloads are on the page, as text
        assert at.title[0].value == md_escape(TEXT)


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_url_parameters_are_checked_and_never_echoed_raw(people_app, name):
    at = new_app()
    at.query_params.update({"lang": PAYLOADS[name], "id": PAYLOADS[name], "kato": PAYLOADS[name]})
    at = at.run()
    assert not at.exception and _raw(at) == []
    for page in ("object", "district"):
        at = open_page(at, page)
        assert not at.exception and _raw(at) == []
