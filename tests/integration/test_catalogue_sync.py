"""An older register gets the official names from `tracker init`, with history, on both backends."""

from sqlalchemy import insert, select, update

from tracker.services.setup import initialise
from tracker.storage import history
from tracker.storage.tables import districts, users

SARKAND = "334800000"
OLD_NAMES = {
    "name_kk": "Сарқант",
    "name_ru": "Сарканский",
    "oblast_kk": "Жетісу",
    "oblast_ru": "Жетысуская",
    "oblast_en": "Zhetysu",
}


def _make_old(engine) -> None:
    """The register as an earlier release left it: geokz's spellings, a scope by the old name."""
    at = history.now()
    with engine.begin() as conn:
        conn.execute(update(districts).where(districts.c.kato == SARKAND).values(**OLD_NAMES))
        conn.execute(
            insert(users).values(
                username="marat",
                display_name="Marat",
                role="manager",
                districts=[],
                oblasts=["Zhetysu", "Almaty"],
                version=1,
                created_at=at,
                updated_at=at,
                updated_by="test",
            )
        )


def test_init_corrects_names_and_scopes_and_keeps_the_old_ones_in_history(db):
    initialise(db)
    _make_old(db.engine)
    initialise(db)
    with db.read() as store:
        sarkand = store.districts.require(SARKAND)
        entries = store.districts.history(SARKAND)
        person = store.conn.execute(select(users.c.id, users.c.oblasts, users.c.version)).one()
        person_history = history.read(store.conn, "user", person.id)
    assert (sarkand.model.name_kk, sarkand.model.name_ru) == ("Сарқан", "Саркандский")
    assert sarkand.model.oblast(lang="ru") == "область Жетісу"
    renamed = {e.field: (e.old, e.new) for e in entries if e.comment and "official names" in e.comment}
    assert renamed["name_kk"] == ("Сарқант", "Сарқан")
    assert renamed["oblast_en"] == ("Zhetysu", "Zhetysu Region")
    assert sorted(person.oblasts) == ["Almaty Region", "Zhetysu Region"] and person.version == 2
    assert [(e.field, e.old, e.new) for e in person_history] == [
        ("oblasts", ["Almaty", "Zhetysu"], ["Almaty Region", "Zhetysu Region"])
    ]


def test_a_current_register_is_left_alone(db):
    initialise(db)
    with db.read() as store:
        before = store.data_version()
    initialise(db)
    with db.read() as store:
        assert store.data_version() == before
