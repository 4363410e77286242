"""Drafts of forms: kept per person, form and object; never the register's data version."""

from tracker.services import drafts
from tracker.services.actor import PUBLIC, SYSTEM
from tracker.services.users import add_user


def test_a_draft_is_kept_per_person_and_object_and_leaves_the_register_alone(memory_db):
    asel = add_user(memory_db, SYSTEM, {"username": "asel", "display_name": "Әсел", "role": "manager"}).actor()
    marat = add_user(memory_db, SYSTEM, {"username": "marat", "display_name": "Марат", "role": "manager"}).actor()
    with memory_db.read() as store:
        before = store.data_version()
    typed = {"version": 3, "model": {}, "values": {"contractor": "ТОО «Құрылыс-2025»", "budget_spent": 1250000.5}}
    assert drafts.keep(memory_db, asel, "edit", "381", typed)
    assert drafts.load(memory_db, asel, "edit", "381") == typed
    assert drafts.load(memory_db, marat, "edit", "381") is None  # someone else's draft stays theirs
    assert drafts.load(memory_db, asel, "edit", "382") is None
    assert not drafts.keep(memory_db, PUBLIC, "edit", "381", typed)  # nobody to keep it for
    assert not drafts.keep(memory_db, asel, "edit", "381", {"values": {"comment": "ә" * 70_000}})
    drafts.drop(memory_db, asel, "edit", "381")
    assert drafts.load(memory_db, asel, "edit", "381") is None
    with memory_db.read() as store:
        assert store.data_version() == before
