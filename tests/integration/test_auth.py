"""Signing in: argon2 hashes, expiring sessions, slow-down on guessing, OIDC matching, the CLI."""

from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from tracker.cli import main
from tracker.domain import PermissionDenied, RuleViolation
from tracker.services import auth
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.setup import initialise
from tracker.services.users import add_user, get_user, list_users, set_active, set_password, update_user
from tracker.storage import history
from tracker.storage.tables import history as history_table
from tracker.storage.tables import sessions, users

PASSWORD = "Taldy-korgan-2025"
POLICY = auth.Policy(
    idle=timedelta(minutes=30),
    absolute=timedelta(hours=12),
    max_failures=3,
    max_client_failures=5,
    lockout=timedelta(minutes=15),
)


@pytest.fixture
def people(engine):
    initialise(engine)
    add_user(
        engine,
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
    add_user(engine, SYSTEM, {"username": "boss", "display_name": "Бас әкімші", "role": "admin"}, "admin-" + PASSWORD)
    return engine


def test_password_is_stored_as_an_argon2_hash_never_in_history(people):
    with people.connect() as conn:
        stored = conn.execute(select(users.c.password_hash).where(users.c.username == "asel")).scalar_one()
        logged = " ".join(str(r.new_value) for r in conn.execute(select(history_table)))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert PASSWORD not in logged and "$argon2" not in logged


def test_sign_in_opens_a_session_with_the_users_role_and_scope(people):
    grant = auth.sign_in(people, "  ASEL ", PASSWORD, "10.0.0.1", POLICY)
    actor = auth.resume(people, grant.token, POLICY)
    assert actor == Actor("asel", Role.DISTRICT_EDITOR, frozenset({"331000000"}), frozenset(), actor.user_id)
    with people.connect() as conn:
        kept = conn.execute(select(sessions.c.token_hash)).scalar_one()
    assert kept != grant.token and len(kept) == 64  # only a digest is stored


def test_wrong_password_and_unknown_user_read_the_same(people):
    with pytest.raises(auth.SignInRefused) as wrong:
        auth.sign_in(people, "asel", "nope", "10.0.0.1", POLICY)
    with pytest.raises(auth.SignInRefused) as unknown:
        auth.sign_in(people, "nobody", "nope", "10.0.0.1", POLICY)
    assert str(wrong.value) == str(unknown.value) == "wrong user name or password"


def test_the_account_is_paused_after_repeated_failures_even_for_the_right_password(people):
    at = history.now()
    for n in range(POLICY.max_failures):
        with pytest.raises(auth.SignInRefused):
            auth.sign_in(people, "asel", f"guess-{n}", "10.0.0.1", POLICY, at + timedelta(seconds=n))
    with pytest.raises(auth.SignInRefused) as locked:
        auth.sign_in(people, "asel", PASSWORD, "10.0.0.2", POLICY, at + timedelta(minutes=1))
    assert locked.value.reason == "locked"
    later = at + timedelta(minutes=1) + POLICY.lockout + timedelta(seconds=1)
    assert auth.sign_in(people, "asel", PASSWORD, "10.0.0.2", POLICY, later).actor.name == "asel"


def test_one_client_guessing_many_names_is_paused(people):
    at = history.now()
    for n in range(POLICY.max_client_failures):
        with pytest.raises(auth.SignInRefused):
            auth.sign_in(people, f"user{n}", "x", "10.9.9.9", POLICY, at + timedelta(seconds=n))
    with pytest.raises(auth.SignInRefused) as locked:
        auth.sign_in(people, "asel", PASSWORD, "10.9.9.9", POLICY, at + timedelta(minutes=1))
    assert locked.value.reason == "locked"
    assert auth.sign_in(people, "asel", PASSWORD, "10.0.0.3", POLICY, at + timedelta(minutes=1))


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
    set_password(people, SYSTEM, "asel", "a-new-secret-phrase")
    assert auth.resume(people, grant.token, POLICY) is None
    with pytest.raises(auth.SignInRefused):
        auth.sign_in(people, "asel", PASSWORD, "c", POLICY)
    grant = auth.sign_in(people, "asel", "a-new-secret-phrase", "c", POLICY)
    set_active(people, SYSTEM, "asel", False)
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
    with pytest.raises(RuleViolation, match="administrator must remain"):
        set_active(people, SYSTEM, "boss", False)
    with pytest.raises(RuleViolation, match="at least 10"):
        add_user(people, SYSTEM, {"username": "x2", "display_name": "X", "role": "monitor"}, "short")
    with pytest.raises(RuleViolation, match="unknown district"):
        add_user(
            people,
            SYSTEM,
            {"username": "x3", "display_name": "X", "role": "district_editor", "districts": ["999999999"]},
        )


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
    set_active(people, SYSTEM, "mon", False)
    assert auth.oidc_sign_in(people, "sub-42", None, "c", POLICY) is None


def test_the_history_table_refuses_edits(people):
    with pytest.raises(Exception, match="append-only"), people.begin() as conn:
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
    finally:
        get_settings.cache_clear()
