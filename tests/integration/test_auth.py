"""Signing in: argon2 hashes, expiring sessions, slow-down on guessing, OIDC matching, the CLI.

The service tests run on the in-memory copy (``memory_db``): the SQL of sessions and people is
checked on both databases by the storage contract suite; the CLI test runs on both.
"""

from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from tracker.cli import main
from tracker.domain import ConflictError, PermissionDenied, RuleViolation
from tracker.services import auth, handoff
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.users import add_user, get_user, list_users, set_active, set_password, update_user
from tracker.storage import history
from tracker.storage.tables import history as history_table
from tracker.storage.tables import login_attempts, sessions, users

PASSWORD = "Taldy-korgan-2025"
POLICY = auth.Policy(
    idle=timedelta(minutes=30),
    absolute=timedelta(hours=12),
    max_failures=3,
    max_client_failures=5,
    lockout=timedelta(minutes=15),
)


@pytest.fixture
def people(memory_db):
    add_user(
        memory_db,
        SYSTEM,
        {
            "username": "asel",
            "display_name": "Әсел Нұрланқызы",
            "role": "district_editor",
            "districts": ["331000000"],
            "email": "Asel@Example.kz",
        },
        PASSWORD,
    )
    add_user(
        memory_db, SYSTEM, {"username": "boss", "display_name": "Бас әкімші", "role": "admin"}, "admin-" + PASSWORD
    )
    return memory_db


def test_password_is_stored_as_an_argon2_hash_never_in_history(people):
    with people.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash).where(users.c.username == "asel")).scalar_one()
        logged = " ".join(str(r.new_value) for r in conn.execute(select(history_table)))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert PASSWORD not in logged and "$argon2" not in logged


def test_sign_in_opens_a_session_with_the_users_role_and_scope(people):
    grant = auth.sign_in(people, "  ASEL ", PASSWORD, "10.0.0.1", POLICY)
    actor = auth.resume(people, grant.token, POLICY)
    assert actor == Actor("asel", Role.DISTRICT_EDITOR, frozenset({"331000000"}), frozenset(), actor.user_id)
    with people.engine.connect() as conn:
        kept = conn.execute(select(sessions.c.token_hash)).scalar_one()
    assert kept != grant.token and len(kept) == 64  # only a digest is stored


def test_wrong_password_and_unknown_user_read_the_same(people):
    with pytest.raises(auth.SignInRefused) as wrong:
        auth.sign_in(people, "asel", "nope", "10.0.0.1", POLICY)
    with pytest.raises(auth.SignInRefused) as unknown:
        auth.sign_in(people, "nobody", "nope", "10.0.0.1", POLICY)
    assert wrong.value.code == unknown.value.code == "signin.bad_credentials"
    assert str(wrong.value) == str(unknown.value) == "Wrong user name or password."


def test_delays_grow_from_the_first_one_and_stop_at_the_longest():
    first, cap = timedelta(seconds=15), timedelta(minutes=15)
    waits = [auth.delay_after(n, 3, first, cap) for n in range(12)]
    assert waits[:3] == [timedelta(0)] * 3  # the free attempts
    assert waits[3:8] == [timedelta(seconds=s) for s in (15, 30, 60, 120, 240)]
    assert waits[-1] == cap and waits == sorted(waits)


def test_failures_slow_down_that_client_on_that_account_even_for_the_right_password(people):
    at = history.now()
    for n in range(POLICY.max_failures):
        with pytest.raises(auth.SignInRefused):
            auth.sign_in(people, "asel", f"guess-{n}", "10.0.0.1", POLICY, at + timedelta(seconds=n))
    with pytest.raises(auth.SignInRefused) as paused:
        auth.sign_in(people, "asel", PASSWORD, "10.0.0.1", POLICY, at + timedelta(seconds=5))
    assert paused.value.code == "signin.locked"
    assert paused.value.retry_after == at + timedelta(seconds=2) + POLICY.first_delay
    # Trying while told to wait doubles the wait, counted from that try.
    with pytest.raises(auth.SignInRefused) as longer:
        auth.sign_in(people, "asel", PASSWORD, "10.0.0.1", POLICY, at + timedelta(seconds=6))
    assert longer.value.retry_after == at + timedelta(seconds=5) + 2 * POLICY.first_delay
    later = at + timedelta(seconds=6) + 4 * POLICY.first_delay
    assert auth.sign_in(people, "asel", PASSWORD, "10.0.0.1", POLICY, later).actor.name == "asel"


def test_someone_elses_guessing_never_locks_the_administrator_out(people):
    at = history.now()
    auth.sign_in(people, "boss", "admin-" + PASSWORD, "10.0.0.5", POLICY, at)  # the office computer
    for n in range(40):  # a guesser elsewhere keeps trying, however slowed down
        with pytest.raises(auth.SignInRefused):
            auth.sign_in(people, "boss", f"guess-{n}", "203.0.113.9", POLICY, at + timedelta(seconds=1 + n))
    last = at + timedelta(seconds=40)
    # A computer new to the account waits a little (capped) for the guesser's failures ...
    with pytest.raises(auth.SignInRefused) as paused:
        auth.sign_in(people, "boss", "admin-" + PASSWORD, "10.0.0.7", POLICY, last)
    assert paused.value.retry_after <= last + 4 * POLICY.first_delay
    # ... the computer the administrator signed in from before does not wait at all.
    assert auth.sign_in(people, "boss", "admin-" + PASSWORD, "10.0.0.5", POLICY, last).actor.name == "boss"


def test_a_password_typed_into_the_name_box_is_never_logged(people):
    with pytest.raises(auth.SignInRefused):
        auth.sign_in(people, PASSWORD, "", "10.0.0.1", POLICY)
    auth.sign_in(people, "asel", PASSWORD, "10.0.0.1", POLICY)
    with people.engine.connect() as conn:
        logged = [r.username for r in conn.execute(select(login_attempts).order_by(login_attempts.c.id))]
    assert logged == [auth.UNKNOWN_NAME, "asel"]


def test_one_client_guessing_many_names_is_slowed_down(people):
    at = history.now()
    for n in range(POLICY.max_client_failures):
        with pytest.raises(auth.SignInRefused):
            auth.sign_in(people, f"user{n}", "x", "10.9.9.9", POLICY, at + timedelta(seconds=n))
    with pytest.raises(auth.SignInRefused) as paused:
        auth.sign_in(people, "asel", PASSWORD, "10.9.9.9", POLICY, at + timedelta(seconds=10))
    assert paused.value.code == "signin.locked"
    assert auth.sign_in(people, "asel", PASSWORD, "10.0.0.3", POLICY, at + timedelta(seconds=10))


def test_a_hand_over_code_gives_the_session_token_once_and_only_while_fresh(people):
    at = history.now()
    grant = auth.sign_in(people, "asel", PASSWORD, "c", POLICY, at)
    assert grant.handoff and grant.handoff != grant.token
    with people.engine.connect() as conn:
        row = conn.execute(select(sessions.c.handoff_hash, sessions.c.handoff_sealed)).one()
    assert grant.token not in row.handoff_sealed and grant.handoff not in (row.handoff_hash, row.handoff_sealed)
    assert handoff.claim(people, grant.handoff, at + timedelta(seconds=30)) == grant.token
    assert handoff.claim(people, grant.handoff, at + timedelta(seconds=31)) is None  # spent
    late = auth.sign_in(people, "asel", PASSWORD, "c", POLICY, at)
    assert handoff.claim(people, late.handoff, at + handoff.HANDOFF_VALID + timedelta(seconds=1)) is None
    ended = auth.sign_in(people, "asel", PASSWORD, "c", POLICY, at)
    auth.sign_out(people, ended.token)
    assert handoff.claim(people, ended.handoff, at) is None
    assert handoff.claim(people, "made-up", at) is None


def test_signing_out_everywhere_ends_every_session_of_that_person_only(people):
    office = auth.sign_in(people, "asel", PASSWORD, "10.0.0.1", POLICY)
    phone = auth.sign_in(people, "asel", PASSWORD, "10.0.0.2", POLICY)
    other = auth.sign_in(people, "boss", "admin-" + PASSWORD, "10.0.0.3", POLICY)
    auth.sign_out_everywhere(people, phone.token)
    assert auth.resume(people, office.token, POLICY) is None and auth.resume(people, phone.token, POLICY) is None
    assert auth.resume(people, other.token, POLICY) is not None


def test_sessions_end_when_idle_at_their_absolute_end_and_on_sign_out(people):
    at = history.now()
    grant = auth.sign_in(people, "asel", PASSWORD, "c", POLICY, at)
    assert auth.resume(people, grant.token, POLICY, at + timedelta(minutes=29))
    assert auth.resume(people, grant.token, POLICY, at + timedelta(minutes=29) + POLICY.idle) is None
    active = auth.sign_in(people, "asel", PASSWORD, "c", POLICY, at)
    moment = at
    while moment < at + POLICY.absolute - timedelta(minutes=20):
        moment += timedelta(minutes=20)
        assert auth.resume(people, active.token, POLICY, moment)
    assert auth.resume(people, active.token, POLICY, at + POLICY.absolute) is None
    third = auth.sign_in(people, "asel", PASSWORD, "c", POLICY, at)
    auth.sign_out(people, third.token)
    assert auth.resume(people, third.token, POLICY, at) is None
    assert auth.resume(people, "forged-token", POLICY) is None


def test_disabling_or_resetting_the_password_ends_open_sessions(people):
    grant = auth.sign_in(people, "asel", PASSWORD, "c", POLICY)
    set_password(people, SYSTEM, "asel", "a-new-secret-phrase", get_user(people, "asel").version)
    assert auth.resume(people, grant.token, POLICY) is None
    with pytest.raises(auth.SignInRefused):
        auth.sign_in(people, "asel", PASSWORD, "c", POLICY)
    grant = auth.sign_in(people, "asel", "a-new-secret-phrase", "c", POLICY)
    set_active(people, SYSTEM, "asel", False, get_user(people, "asel").version)
    assert auth.resume(people, grant.token, POLICY) is None
    with pytest.raises(auth.SignInRefused):
        auth.sign_in(people, "asel", "a-new-secret-phrase", "c", POLICY)


def test_a_changed_scope_takes_effect_at_once(people):
    grant = auth.sign_in(people, "asel", PASSWORD, "c", POLICY)
    user = get_user(people, "asel")
    update_user(people, SYSTEM, "asel", {"districts": ["331000000", "331800000"]}, user.version)
    assert auth.resume(people, grant.token, POLICY) is None  # old scope's session ended
    again = auth.sign_in(people, "asel", PASSWORD, "c", POLICY)
    assert again.actor.districts == {"331000000", "331800000"}


def test_only_administrators_manage_people_and_one_admin_stays(people):
    editor = get_user(people, "asel").actor()
    with pytest.raises(PermissionDenied):
        add_user(people, editor, {"username": "x1", "display_name": "X", "role": "admin"}, "x-long-password")
    with pytest.raises(PermissionDenied):
        list_users(people, editor)
    with pytest.raises(RuleViolation) as last:
        set_active(people, SYSTEM, "boss", False, get_user(people, "boss").version)
    assert last.value.code == "user.last_admin"
    with pytest.raises(RuleViolation) as short:
        add_user(people, SYSTEM, {"username": "x2", "display_name": "X", "role": "monitor"}, "short")
    assert (short.value.code, short.value.params) == ("user.password_length", {"min": 10})
    with pytest.raises(RuleViolation) as unknown:
        add_user(
            people,
            SYSTEM,
            {"username": "x3", "display_name": "X", "role": "district_editor", "districts": ["999999999"]},
        )
    assert (unknown.value.code, unknown.value.params) == ("user.unknown_districts", {"codes": "999999999"})
    assert [u.username for u in list_users(people, SYSTEM)] == ["asel", "boss"]


def test_oidc_matches_subject_first_then_e_mail_and_never_a_disabled_person(people):
    assert auth.oidc_user(people, None, "asel@example.KZ").username == "asel"
    assert auth.oidc_user(people, "unknown-sub", "stranger@example.kz") is None
    add_user(
        people,
        SYSTEM,
        {"username": "mon", "display_name": "М", "role": "monitor", "oidc_subject": "sub-42", "email": "mon@ngo.kz"},
    )
    assert auth.oidc_user(people, "sub-42", "someone-else@ngo.kz").username == "mon"
    grant = auth.oidc_sign_in(people, "sub-42", None, "c", POLICY)
    assert auth.resume(people, grant.token, POLICY).role == Role.MONITOR
    set_active(people, SYSTEM, "mon", False, get_user(people, "mon").version)
    assert auth.oidc_sign_in(people, "sub-42", None, "c", POLICY) is None


def test_the_history_table_refuses_edits(people):
    with pytest.raises(Exception, match="append-only"), people.engine.begin() as conn:
        conn.execute(update(history_table).values(actor="someone else"))


def test_cli_creates_the_first_admin_with_a_password_from_stdin(database_url, monkeypatch):
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    from tracker.config import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    try:
        added = runner.invoke(
            main, ["users", "add", "--role", "admin", "chief", "--password-stdin"], input="first-admin-secret\n"
        )
        assert added.exit_code == 0, added.output
        listed = runner.invoke(main, ["users", "list"])
        assert "chief\tadmin" in listed.output and "first-admin-secret" not in listed.output
        short = runner.invoke(main, ["users", "reset-password", "chief", "--password-stdin"], input="short\n")
        assert short.exit_code == 2 and "at least 10" in short.output
        blocked = runner.invoke(main, ["users", "disable", "chief"])
        assert blocked.exit_code == 2 and "administrator must remain" in blocked.output
        # Bad input is told in one readable line per problem, never as pydantic's dump.
        for args, said in [
            (["--district", "12345"], "error: District codes are 9-digit KATO codes.\n"),
            (["--district", "999999999"], "error: These KATO codes name no district of the register: 999999999.\n"),
            ([], "error: A district editor needs at least one district.\n"),
        ]:
            bad = runner.invoke(main, ["users", "add", "--role", "district_editor", "ed", "--no-password", *args])
            assert (bad.exit_code, bad.output) == (2, said)
        missing = runner.invoke(main, ["users", "disable", "nobody"])
        assert (missing.exit_code, missing.output) == (2, "error: There is no user “nobody”, or it was deleted.\n")
    finally:
        get_settings.cache_clear()


def test_a_stale_disable_click_is_refused_and_the_person_stays_as_they_are(people):
    opened = get_user(people, "asel")  # the page showed "Disable" for this version
    update_user(people, SYSTEM, "asel", {"display_name": "Әсел Н."}, opened.version)  # someone else saves
    with pytest.raises(ConflictError) as stale:
        set_active(people, SYSTEM, "asel", False, opened.version)
    assert (stale.value.seen_version, stale.value.current_version) == (opened.version, opened.version + 1)
    assert stale.value.key == "asel"  # a person is named by their user name, not by a row number
    assert get_user(people, "asel").active
    with pytest.raises(ConflictError):
        set_password(people, SYSTEM, "asel", "a-new-secret-phrase", opened.version)
    with pytest.raises(ConflictError):
        update_user(people, SYSTEM, "asel", {"organisation": "ҚБ"}, opened.version)
    assert auth.sign_in(people, "asel", PASSWORD, "c", POLICY)


def test_a_save_changes_only_the_fields_it_names(people):
    before = get_user(people, "asel")
    after = update_user(people, SYSTEM, "asel", {"organisation": "Талдықорған қ. әкімдігі"}, before.version)
    assert after.organisation == "Талдықорған қ. әкімдігі"
    assert (after.email, after.display_name, after.districts, after.role) == (
        before.email,
        before.display_name,
        before.districts,
        before.role,
    )
    assert after.version == before.version + 1


def test_history_says_the_password_changed_and_never_holds_the_hash(people):
    user = get_user(people, "asel")
    set_password(people, SYSTEM, "asel", "a-new-secret-phrase", user.version)
    with people.read() as store:
        entries = store.users.history(user.id)
    changed = {e.field: (e.old, e.new) for e in entries if e.version == user.version + 1}
    assert changed["password"] == ("(set)", "(changed)")
    assert {e.comment for e in entries if e.version == user.version + 1} == {"password reset"}
    assert not any("$argon2" in str(e.new) + str(e.old) for e in entries)


def test_signing_in_leaves_the_data_version_alone(people):
    with people.read() as store:
        before = store.data_version()
    grant = auth.sign_in(people, "asel", PASSWORD, "c", POLICY)
    auth.resume(people, grant.token, POLICY, history.now() + timedelta(minutes=5))
    with pytest.raises(auth.SignInRefused):
        auth.sign_in(people, "asel", "wrong", "c", POLICY)
    auth.sign_out(people, grant.token)
    with people.read() as store:
        assert store.data_version() == before
