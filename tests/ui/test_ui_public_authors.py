"""No personal data for the public: who changed a record reads as a role and organisation.

Signed-in staff see the user name; the anonymous object page and every public export never
carry a user name or a display name.
"""

import re

import pytest
from sqlalchemy import select

from tests.support.apptest import PASSWORD, new_app, open_page, sign_in
from tracker.services import exports
from tracker.services.actor import PUBLIC, Actor, Role
from tracker.services.facilities import update_facility
from tracker.storage.database import Database
from tracker.storage.tables import facilities

ASEL = Actor("asel", Role.DISTRICT_EDITOR, districts=frozenset({"331000000"}))
PERSONAL = ("asel", "Әсел", "Нұрланқызы")


def _names_in(text: str) -> list[str]:
    """The person's names found as words (``asel`` inside CSS's ``baseline`` is not a name)."""
    return [n for n in PERSONAL if re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", text)]


@pytest.fixture
def changed(people_app):
    """An object of Taldykorgan whose contractor asel changed."""
    db = Database(people_app)
    with people_app.connect() as conn:
        fid, version = conn.execute(
            select(facilities.c.id, facilities.c.version).where(facilities.c.district_kato == "331000000").limit(1)
        ).one()
    update_facility(db, ASEL, fid, {"contractor": "ЖШС «Жол»"}, version, comment="мердігер ауысты")
    return db, fid


def _page_text(at) -> str:
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "text", "info", "success", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [d.value.to_csv() for d in at.dataframe]
    return "\n".join(parts)


@pytest.mark.parametrize("lang, role", [("kk", "аудан әкімдігі"), ("ru", "акимат района")])
def test_the_public_object_page_names_a_role_not_a_person(changed, lang, role):
    _, fid = changed
    at = new_app()
    at.query_params["lang"] = lang
    at.query_params["id"] = str(fid)
    at = open_page(at.run(), "object")
    assert not at.exception
    text = _page_text(at)
    assert role in text and "ЖШС «Жол»" in text
    assert not _names_in(text), _names_in(text)


def test_signed_in_staff_see_who_it_was(changed):
    _, fid = changed
    at = sign_in(new_app().run(), "boss", "admin-" + PASSWORD)
    at.query_params["id"] = str(fid)
    at = open_page(at, "object")
    assert not at.exception and "asel" in _page_text(at)


EXPORTS = [
    ("objects csv", lambda db: exports.export_table(db, "objects", "csv", "kk", actor=PUBLIC)),
    ("objects xlsx", lambda db: exports.export_table(db, "objects", "xlsx", "ru", actor=PUBLIC)),
    ("objects geojson", lambda db: exports.export_table(db, "objects", "geojson", "en", actor=PUBLIC)),
    ("rehab csv", lambda db: exports.export_table(db, "rehab", "csv", "kk", actor=PUBLIC)),
    ("invataxi csv", lambda db: exports.export_table(db, "invataxi", "csv", "kk", actor=PUBLIC)),
    ("districts csv", lambda db: exports.export_districts(db, "csv", "ru", actor=PUBLIC)),
    ("open data", lambda db: exports.export_opendata(db, actor=PUBLIC)),
    ("report", lambda db: exports.export_report(db, "331000000", "html", "kk", actor=PUBLIC)),
    ("map", lambda db: exports.export_map(db, "kk", exports.Scope(district="331000000"), actor=PUBLIC)),
]


@pytest.mark.parametrize("name, make", EXPORTS, ids=[e[0] for e in EXPORTS])
def test_no_public_export_carries_a_person(changed, name, make):
    db, _ = changed
    data = make(db).data
    if name.endswith("xlsx"):
        from tracker.io.tabular import read_xlsx_values

        data = repr(read_xlsx_values(data)).encode()
    text = data.decode("utf-8-sig", errors="replace")
    assert not _names_in(text), name
