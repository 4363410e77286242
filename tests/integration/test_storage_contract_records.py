"""The storage contract, continued: people, visits, evidence, boundaries and sign-in state.

They are written the way objects are — a versioned save with its history in one transaction —
and checked the same way, on SQLite and on a real PostgreSQL server.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests import factories
from tracker.domain import ConflictError, NotFound, PassportState
from tracker.domain.boundary import DistrictBoundary
from tracker.domain.enums import DisabilityCategory
from tracker.domain.evidence import Evidence
from tracker.domain.people import Person, Role
from tracker.domain.visit import Visit
from tracker.storage import history as hist
from tracker.storage.mapping import CHANGED, SET
from tracker.storage.tables import history

WHEELCHAIR = DisabilityCategory.WHEELCHAIR
HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"
SQUARE = '{"type":"Polygon","coordinates":[[[78.3,45.0],[78.4,45.0],[78.4,45.1],[78.3,45.1],[78.3,45.0]]]}'
WIDER = '{"type":"Polygon","coordinates":[[[78.2,44.9],[78.5,44.9],[78.5,45.2],[78.2,45.2],[78.2,44.9]]]}'


def _person(**over) -> Person:
    data = dict(
        username="asel",
        display_name="Әсел Нұрланқызы",
        email="asel@example.kz",
        role=Role.DISTRICT_EDITOR,
        districts=[factories.TALDYKORGAN],
        organisation="Талдықорған қ. әкімдігі",
        password_hash=HASH,
        password_changed_at=datetime(2025, 1, 10, 9, 30, tzinfo=UTC),
    )
    return Person(**(data | over))


def _visit(fid: int, **over) -> Visit:
    data = dict(
        facility_id=fid,
        visited_on=date(2025, 5, 20),
        organisation="«Тең қоғам» ҚБ",
        findings={"wheelchair": "VND", "vision": "DP"},
        zone_notes={"entrance": "Пандус жоқ"},
        comment="кіреберісте баспалдақ",
    )
    return Visit(**(data | over))


def _evidence(fid: int, **over) -> Evidence:
    data = dict(
        facility_id=fid,
        kind="after",
        filename="пандус.jpg",
        content_type="image/jpeg",
        size_bytes=52_311,
        sha256="ab" * 32,
        stored_name="0123456789abcdef.jpg",
        comment=None,
    )
    return Evidence(**(data | over))


def _boundary(**over) -> DistrictBoundary:
    return DistrictBoundary(**(dict(kato=factories.TALDYKORGAN, geojson=SQUARE, source="geokz, CC BY 4.0") | over))


#: repository, a new record, and a change of it (the record keyed as the repository keys it).
KINDS = {
    "users": (lambda fid: _person(), lambda m: m.model_copy(update={"display_name": "Әсел Н.", "active": False})),
    "visits": (_visit, lambda m: m.model_copy(update={"findings": {WHEELCHAIR: PassportState.FULL}, "comment": None})),
    "evidence": (_evidence, lambda m: m.model_copy(update={"comment": "акт бойынша"})),
    "boundaries": (lambda fid: _boundary(), lambda m: m.model_copy(update={"geojson": WIDER, "source": "2025"})),
}


def _add(db, repo: str, model) -> object:
    with db.write() as uow:
        key = getattr(uow, repo).add(model, "alice", "first entry")
        uow.commit()
    return key


def _keyed(model, key):
    return model.model_copy(update={"id": key}) if "id" in type(model).model_fields else model


def _history_rows(db) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(history)).scalar_one()


@pytest.mark.parametrize("repo", KINDS)
def test_records_round_trip_exactly(db, fid, repo):
    model = KINDS[repo][0](fid)
    key = _add(db, repo, model)
    with db.read() as store:
        stored = getattr(store, repo).require(key)
    assert stored.model == _keyed(model, key)
    assert (stored.version, stored.updated_by) == (1, "alice")


@pytest.mark.parametrize("repo", KINDS)
def test_a_versioned_save_writes_its_history_and_a_stale_one_is_refused(db, fid, repo):
    make, change = KINDS[repo]
    key = _add(db, repo, make(fid))
    with db.read() as store:
        opened = getattr(store, repo).require(key)  # two people open version 1
    with db.write() as uow:
        saved = getattr(uow, repo).update(key, change(opened.model), opened.version, "bob", "checked on site")
        uow.commit()
    assert saved.version == 2
    before = _history_rows(db)
    with db.write() as uow, pytest.raises(ConflictError) as stale:
        getattr(uow, repo).update(key, opened.model.model_copy(), opened.version, "carol")
    assert (stale.value.code, stale.value.seen_version, stale.value.current_version) == ("record.changed", 1, 2)
    assert _history_rows(db) == before
    with db.read() as store:
        entries = getattr(store, repo).history(key)
        assert getattr(store, repo).require(key).model == _keyed(change(opened.model), key)
    assert {(e.actor, e.comment) for e in entries if e.version == 2} == {("bob", "checked on site")}
    assert entries[0].field == hist.CREATED and entries[0].actor == "alice"


@pytest.mark.parametrize("repo", KINDS)
def test_history_alone_rebuilds_the_record(db, fid, repo):
    make, change = KINDS[repo]
    original = make(fid)
    key = _add(db, repo, original)
    for model in (change(original), original):  # a change, and back again
        with db.write() as uow:
            current = getattr(uow, repo).require(key)
            getattr(uow, repo).update(key, _keyed(model, key), current.version, "dana")
            uow.commit()
    with db.read() as store:
        current = getattr(store, repo).require(key)
        replayed, deleted = getattr(store, repo).replay(key)
    assert current.version == 3
    expected = current.model.model_copy(update={"password_hash": None}) if repo == "users" else current.model
    assert replayed == expected and not deleted


@pytest.mark.parametrize("repo", KINDS)
def test_every_save_moves_the_data_version_once(db, fid, repo):
    with db.read() as store:
        start = store.data_version()
    key = _add(db, repo, KINDS[repo][0](fid))
    with db.write() as uow:
        current = getattr(uow, repo).require(key)
        getattr(uow, repo).update(key, KINDS[repo][1](current.model), current.version, "eve")
        uow.commit()
    with db.read() as store:
        assert store.data_version() == start + 2


def test_the_history_of_a_person_never_holds_the_password_hash(db):
    key = _add(db, "users", _person())
    with db.write() as uow:
        current = uow.users.require(key)
        new = current.model.model_copy(update={"password_hash": HASH.replace("aGFz", "bmV3")})
        uow.users.update(key, new, current.version, "admin", "password reset")
        uow.commit()
    with db.read() as store:
        entries = store.users.history(key)
        with pytest.raises(ConflictError) as stale:
            store.users.ensure_version(store.users.require(key), 1)
    assert entries[0].new["password"] == SET and "password_hash" not in entries[0].new
    assert {e.field: (e.old, e.new) for e in entries if e.version == 2} == {"password": (SET, CHANGED)}
    with db.engine.connect() as conn:
        logged = " ".join(f"{r.old_value} {r.new_value}" for r in conn.execute(select(history)))
    assert "$argon2" not in logged and "aGFz" not in logged
    assert "password_hash" not in stale.value.current and stale.value.current["password"] == SET


def test_user_names_are_unique_and_a_deleted_record_cannot_be_saved(db, fid):
    _add(db, "users", _person())
    with pytest.raises(IntegrityError), db.write() as uow:
        uow.users.add(_person(email=None), "alice")
        uow.commit()
    vid = _add(db, "visits", _visit(fid))
    with db.write() as uow:
        uow.visits.soft_delete(vid, 1, "carol", "entered twice")
        uow.commit()
    with db.read() as store:
        assert store.visits.all() == [] and store.visits.replay(vid)[1] is True
    with db.write() as uow, pytest.raises(NotFound):
        uow.visits.update(vid, _visit(fid), 2, "carol")


def test_sign_in_state_keeps_no_history_and_leaves_the_data_version_alone(db):
    user = _add(db, "users", _person())
    with db.read() as store:
        start, rows = store.data_version(), _history_rows(db)
    at = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
    with db.write() as uow:
        uow.sessions.open("a" * 64, user, at, at + timedelta(hours=12), "10.0.0.1", "password")
        uow.sessions.open("b" * 64, user, at, at + timedelta(hours=12), "10.0.0.2", "oidc")
        uow.sessions.touch("a" * 64, at + timedelta(minutes=5))
        uow.sessions.revoke("b" * 64, at + timedelta(minutes=6))
        uow.commit()
    with db.read() as store:
        first, second = store.sessions.find("a" * 64), store.sessions.find("b" * 64)
        assert store.sessions.find("c" * 64) is None
        assert store.data_version() == start and _history_rows(db) == rows
    assert (first.user_id, first.last_seen_at, first.expires_at, first.revoked) == (
        user,
        at + timedelta(minutes=5),
        at + timedelta(hours=12),
        False,
    )
    assert second.revoked
    with db.write() as uow:
        uow.sessions.revoke_all(user, at + timedelta(minutes=7))
        uow.commit()
    with db.read() as store:
        assert store.sessions.find("a" * 64).revoked


def test_failures_count_from_the_last_success_within_the_window(db):
    at = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
    attempts = [(0, False), (1, False), (2, True), (3, False), (4, False), (40, False)]
    with db.write() as uow:
        for minute, ok in attempts:
            uow.sessions.record_attempt("asel", "10.0.0.1", at + timedelta(minutes=minute), ok)
        uow.sessions.record_attempt("boris", "10.0.0.1", at + timedelta(minutes=5), False)
        uow.commit()
    with db.read() as store:
        after_success = store.sessions.failures_since_success({"username": "asel"}, at, 10)
        in_window = store.sessions.failures_since_success({"username": "asel"}, at + timedelta(minutes=30), 10)
        by_client = store.sessions.failures_since_success({"client": "10.0.0.1"}, at, 2)
        pair = store.sessions.failures_since_success({"username": "boris", "client": "10.0.0.1"}, at, 10)
        known = store.sessions.has_succeeded("asel", "10.0.0.1", at)
        unknown = store.sessions.has_succeeded("asel", "10.0.0.2", at)
    assert after_success == [at + timedelta(minutes=m) for m in (40, 4, 3)]
    assert in_window == [at + timedelta(minutes=40)]
    assert by_client == [at + timedelta(minutes=40), at + timedelta(minutes=5)]
    assert pair == [at + timedelta(minutes=5)]
    assert known and not unknown


def test_a_hand_over_code_is_spent_by_its_first_use_and_drafts_stay_per_person(db):
    at = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
    user = _add(db, "users", _person())
    with db.read() as store:
        start = store.data_version()
    with db.write() as uow:
        uow.sessions.open("c" * 64, user, at, at + timedelta(hours=1), "10.0.0.1", "password")
        uow.sessions.offer_handoff("c" * 64, "d" * 64, "sealed", at + timedelta(minutes=2))
        uow.drafts.put(user, "edit", "381", {"name": "Мектеп"}, at)
        uow.drafts.put(user, "edit", "381", {"name": "Мектеп №2"}, at)
        uow.commit()
    with db.write() as uow:
        first = uow.sessions.claim_handoff("d" * 64, at + timedelta(minutes=1))
        second = uow.sessions.claim_handoff("d" * 64, at + timedelta(minutes=1))
        draft = uow.drafts.get(user, "edit", "381")
        other = uow.drafts.get(user, "edit", "382")
        uow.drafts.drop(user, "edit", "381")
        uow.commit()
    with db.read() as store:
        assert store.drafts.get(user, "edit", "381") is None
        assert store.data_version() == start  # typing into a form does not move the register
    assert (first, second) == ("sealed", None)
    assert draft == {"name": "Мектеп №2"} and other is None


def test_revision_0006_keeps_open_sessions_across_a_downgrade_and_upgrade(db):
    from alembic import command

    from tracker.storage.engine import WRITE
    from tracker.storage.schema import _config, current_revision, head_revision

    user = _add(db, "users", _person())
    at = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
    with db.write() as uow:
        uow.sessions.open("e" * 64, user, at, at + timedelta(hours=12), "10.0.0.1", "password")
        uow.commit()
    for step in (command.downgrade, command.upgrade):
        with db.engine.connect().execution_options(**{WRITE: True}) as conn:
            step(_config(conn), "0005" if step is command.downgrade else "head")
            conn.commit()
    assert current_revision(db.engine) == head_revision()
    with db.read() as store:
        assert store.sessions.find("e" * 64).user_id == user
