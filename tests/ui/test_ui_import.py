"""The import and export pages in AppTest: upload, dry-run report in the user's language, confirm."""

import pytest
from sqlalchemy import func, select

from tests.support.apptest import PASSWORD, new_app, open_page, reaches, sign_in
from tests.unit.io import io_corpus as corpus
from tracker.storage.tables import facilities, history


def _counts(engine):
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(facilities)).scalar_one(),
            conn.execute(select(func.count()).select_from(history)).scalar_one(),
        )


def _import_page(lang="kk", user="boss", password="admin-" + PASSWORD):
    at = new_app()
    at.query_params["lang"] = lang
    at = sign_in(at.run(), user, password)
    return open_page(at, "import")


def _upload(at, name, data):
    at.file_uploader(key="io_file").upload(name, data)
    return at.run().run()  # the second run settles the mapping widgets


def _problems(at):
    (frame,) = [d.value for d in at.dataframe if "Мәселе" in d.value.columns or "Проблема" in d.value.columns]
    return frame


def _button(at):
    return at.button(key="io_apply")


@pytest.mark.parametrize(
    "lang, message",
    [
        ("kk", "Ақша сомасы теріс бола алмайды."),
        ("ru", "Денежная сумма не может быть отрицательной."),
    ],
)
def test_a_bad_file_shows_the_dry_run_in_the_users_language_and_writes_nothing(people_app, lang, message):
    before = _counts(people_app)
    at = _import_page(lang)
    data = corpus.ru_csv("cp1251", rows=corpus.with_cell(1, "Сумма, тыс. тенге", "-5"))
    at = _upload(at, "akimat.csv", data)
    assert not at.exception
    frame = _problems(at)
    row = frame[frame.iloc[:, 4] == message]
    assert list(row.iloc[0, 1:4]) == ["3", "Сумма, тыс. тенге", "-5"]
    assert _button(at).disabled and _counts(people_app) == before
    assert any("1251" in w.value for w in at.warning)  # the legacy encoding is reported


def test_a_good_file_is_imported_after_confirmation(people_app):
    before = _counts(people_app)
    at = _upload(_import_page("ru"), "talgar.csv", corpus.ru_csv())
    assert not at.exception and not _button(at).disabled
    assert _counts(people_app) == before  # the dry run wrote nothing
    at = _button(at).click().run()
    assert not at.exception
    assert any("talgar.csv загружен: новых 3" in s.value for s in at.success)
    assert _counts(people_app)[0] == before[0] + 3


def test_a_guessed_district_is_confirmed_with_a_tick(people_app):
    data = corpus.ru_csv(rows=corpus.with_cell(0, "Район", "Талгрский"))
    at = _upload(_import_page("kk"), "typo.csv", data)
    assert _button(at).disabled
    box = next(c for c in at.checkbox if "Талгрский" in c.label)
    assert "Талғар" in box.label
    at = box.check().run()
    assert not _button(at).disabled


def test_manual_column_mapping_fixes_an_unknown_header(people_app):
    header = ["Код объекта", "Наименование", "Сфера", "Район", "Шир.", "Долгота", "Год"]
    rows = [r[:7] for r in corpus.RU_ROWS]
    at = _upload(_import_page("ru"), "odd.csv", corpus.csv_bytes(header, rows))
    assert any("Широта" in e.value or "обязательного" in e.value for e in at.error) or _button(at).disabled
    digest_key = next(s.key for s in at.selectbox if s.key and s.key.endswith("_objects_lat"))
    at = at.selectbox(key=digest_key).select("Шир.").run()
    assert not at.exception and not _button(at).disabled


def test_an_editor_cannot_import_into_another_district(people_app):
    at = _upload(_import_page("kk", "asel", PASSWORD), "talgar.csv", corpus.ru_csv())
    frame = _problems(at)
    assert (frame.iloc[:, 4].str.contains("196200000")).sum() == 2 and _button(at).disabled


def test_the_public_has_no_import_page_but_can_export(people_app):
    at = new_app().run()
    assert not reaches(at, "import") and reaches(at, "export")
    at = open_page(at, "export")
    at = at.button(key="io_export_go").click().run()
    assert not at.exception
    assert at.get("download_button") and any("objects" in s.value for s in at.success)
    assert any("демо" in w.value for w in at.warning)
