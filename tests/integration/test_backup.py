"""Backups round-trip on both backends: the same records, the same history, still append-only."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tests import factories
from tracker.domain import Stage
from tracker.ops.backup import BackupError, backup, kind_of, restore, summarise
from tracker.ops.postgres import create_database, drop_database
from tracker.services.actor import SYSTEM
from tracker.services.facilities import create_facility, update_facility
from tracker.storage.database import Database
from tracker.storage.engine import make_engine
from tracker.storage.tables import facilities, history
from tracker.storage.unit_of_work import UnitOfWork, reading


@pytest.fixture
def filled(engine):
    """Two districts, two objects, one of them saved twice: history with several versions."""
    db = Database(engine)
    with db.write() as uow:
        uow.districts.add_many(
            [
                factories.district(),
                factories.district(factories.TEKELI, name_kk="Текелі", name_ru="Текели", name_en="Tekeli"),
            ],
            "setup",
        )
        uow.commit()
    first = create_facility(db, SYSTEM, factories.facility()).stored.model.id
    create_facility(db, SYSTEM, factories.facility(external_id="T-2", name_kk="Емхана «Қайнар»"))
    update_facility(db, SYSTEM, first, {"stage": Stage.DESIGN_ESTIMATE}, 1, comment="келісімшарт")
    update_facility(db, SYSTEM, first, {"contractor": "ЖШС «Құрылыс»"}, 2)
    return first


@pytest.fixture
def empty_url(database_url, tmp_path):
    """A database on the same backend with nothing in it, not even the schema."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    server = make_url(database_url).set(database="postgres").render_as_string(hide_password=False)
    url = create_database(server, "tracker_restore")
    yield url
    drop_database(server, url)


def _everything(url: str) -> tuple[list, list]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            records = [tuple(r) for r in conn.execute(select(facilities).order_by(facilities.c.id))]
            changes = [tuple(r) for r in conn.execute(select(history).order_by(history.c.id))]
    finally:
        engine.dispose()
    return records, changes


def _suffix(url: str) -> str:
    return ".db" if url.startswith("sqlite") else ".dump"


def test_round_trip_keeps_records_and_history_identical(engine, database_url, filled, empty_url, tmp_path):
    path = tmp_path / f"backup{_suffix(database_url)}"
    made = backup(database_url, path)
    assert kind_of(path) == ("sqlite" if database_url.startswith("sqlite") else "pg_dump")
    assert not list(tmp_path.glob("*.partial"))
    restored = restore(empty_url, path)
    assert (restored.objects, restored.history_rows) == (made.objects, made.history_rows)
    assert made.objects == 2 and made.history_rows > 4
    assert _everything(empty_url) == _everything(database_url)


def test_restored_history_is_still_append_only_and_saves_continue(database_url, filled, empty_url, tmp_path):
    path = tmp_path / f"backup{_suffix(database_url)}"
    backup(database_url, path)
    restore(empty_url, path)
    copy = make_engine(empty_url)
    try:
        for statement in ("UPDATE history SET actor = 'someone else'", "DELETE FROM history"):
            with pytest.raises(DBAPIError, match="append-only"), copy.begin() as conn:
                conn.execute(text(statement))
        # Sequences came back too: the next save gets a fresh history id, not a clash.
        update_facility(Database(copy), SYSTEM, filled, {"address": "Жаңа мекенжай"}, 3)
        with reading(copy) as store:
            assert store.facilities.replay(filled)[0] == store.facilities.require(filled).model
            assert store.facilities.require(filled).version == 4
    finally:
        copy.dispose()


def test_backup_is_a_consistent_snapshot_while_a_save_is_open(engine, database_url, filled, empty_url, tmp_path):
    path = tmp_path / f"backup{_suffix(database_url)}"
    committed = summarise(engine).history_rows
    with UnitOfWork(engine) as uow:
        current = uow.facilities.require(filled)
        uow.facilities.update(
            filled, current.model.model_copy(update={"contractor": "uncommitted"}), current.version, "someone"
        )
        backup(database_url, path)  # the save above is neither committed nor rolled back yet
        uow.commit()
    restored = restore(empty_url, path)
    assert restored.history_rows == committed
    records, changes = _everything(empty_url)
    assert "uncommitted" not in str(records) + str(changes)


def test_restore_refuses_a_database_with_data_unless_told(engine, database_url, filled, tmp_path):
    path = tmp_path / f"backup{_suffix(database_url)}"
    backup(database_url, path)
    before = summarise(engine)
    update_facility(Database(engine), SYSTEM, filled, {"contractor": "after the backup"}, 3)
    with pytest.raises(BackupError) as refused:
        restore(database_url, path)
    assert refused.value.code == "backup.not_empty" and "--replace" in str(refused.value)
    engine.dispose()
    after = restore(database_url, path, replace=True)
    assert after.history_rows == before.history_rows
    # Caches are keyed on the data version: it moves on, never back to a value already served.
    assert after.data_version > before.data_version + 1
    with reading(engine) as store:
        assert store.facilities.require(filled).model.contractor == "ЖШС «Құрылыс»"


def test_a_backup_from_the_other_backend_is_refused(database_url, empty_url, tmp_path):
    alien = tmp_path / "alien.bin"
    alien.write_bytes(b"SQLite format 3\x00" if not database_url.startswith("sqlite") else b"PGDMP\x01")
    with pytest.raises(BackupError) as cross:
        restore(empty_url, alien)
    assert cross.value.code == "backup.cross_backend"
    (tmp_path / "junk.bin").write_bytes(b"hello")
    with pytest.raises(BackupError) as junk:
        restore(empty_url, tmp_path / "junk.bin")
    assert junk.value.code == "backup.unknown_format"
