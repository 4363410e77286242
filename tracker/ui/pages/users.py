"""People who sign in (administrators only): add, change role and scope, disable, reset password."""

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from tracker.domain import ConflictError, TrackerError
from tracker.i18n import t
from tracker.i18n.errors import error_message
from tracker.services.actor import ASSIGNABLE_ROLES, Role
from tracker.services.permissions import Action, allowed
from tracker.services.users import User, add_user, list_users, set_active, set_password, update_user
from tracker.ui import context, data
from tracker.ui.form_errors import messages
from tracker.ui.markdown import md_escape

SEEN_KEY = "users_seen"  # {user name: the User as the forms show them}
CONFLICT_KEY = "users_conflict"  # (user name, ConflictError) until reloaded


def _fail(error: Exception, lang: str) -> None:
    st.error("\n\n".join(f"- {md_escape(line)}" for line in messages(error, lang)), icon=":material/block:")


def _scope_inputs(lang: str, key: str, role: Role, districts=(), oblasts=()) -> tuple[list[str], list[str]]:
    frame = data.districts()
    names = dict(zip(frame["kato"], frame[f"name_{lang}"] + " (" + frame[f"oblast_{lang}"] + ")"))
    oblast_names = dict(zip(frame["oblast_en"], frame[f"oblast_{lang}"]))
    chosen_districts = st.multiselect(
        t("users.districts", lang),
        list(names),
        default=list(districts),
        format_func=lambda k: names.get(k, k),
        key=f"{key}_districts",
        placeholder=t("app.choose", lang),
        help=t("users.districts_help", lang),
    )
    chosen_oblasts = st.multiselect(
        t("users.oblasts", lang),
        sorted(oblast_names),
        default=list(oblasts),
        format_func=lambda o: oblast_names.get(o, o),
        key=f"{key}_oblasts",
        placeholder=t("app.choose", lang),
        help=t("users.oblasts_help", lang),
    )
    return chosen_districts, chosen_oblasts


def _add(actor, lang: str) -> None:
    with st.form("users_add", clear_on_submit=False):
        st.markdown(f"**{t('users.add', lang)}**")
        cols = st.columns(3)
        username = cols[0].text_input(t("auth.username", lang), max_chars=64, key="users_new_username")
        name = cols[1].text_input(t("users.display_name", lang), max_chars=200, key="users_new_name")
        email = cols[2].text_input(t("users.email", lang), max_chars=320, key="users_new_email")
        cols = st.columns(3)
        role = cols[0].selectbox(
            t("users.role", lang),
            ASSIGNABLE_ROLES,
            format_func=lambda r: t(f"auth.role.{r.value}", lang),
            key="users_new_role",
        )
        organisation = cols[1].text_input(t("users.organisation", lang), max_chars=300, key="users_new_org")
        password = cols[2].text_input(
            t("auth.password", lang), type="password", key="users_new_password", help=t("users.password_help", lang)
        )
        districts, oblasts = _scope_inputs(lang, "users_new", role)
        if not st.form_submit_button(t("users.add", lang), type="primary"):
            return
    try:
        add_user(
            context.database(),
            actor,
            {
                "username": username,
                "display_name": name,
                "email": email or None,
                "role": role,
                "districts": districts,
                "oblasts": oblasts,
                "organisation": organisation or None,
            },
            password or None,
        )
    except (ValidationError, TrackerError) as error:
        _fail(error, lang)
        return
    st.success(t("users.added", lang))


def _seen(person: User) -> User:
    """The person as this administrator's forms show them; kept until a save or a reload.

    Every change names this version, so a change made by someone else meanwhile is refused as
    a conflict instead of being overwritten (or a stale "Disable" click acting on a new state).
    """
    return st.session_state.setdefault(SEEN_KEY, {}).setdefault(person.username, person)


def _forget(username: str) -> None:
    st.session_state.get(SEEN_KEY, {}).pop(username, None)


def _act(lang: str, username: str, write, done: str) -> bool:
    """Run one change of a person; say how it went. True when it was saved."""
    try:
        write()
    except ConflictError as conflict:
        st.session_state[CONFLICT_KEY] = (username, conflict)
        return False
    except (ValidationError, TrackerError) as error:
        _fail(error, lang)
        return False
    _forget(username)
    st.session_state.pop(CONFLICT_KEY, None)
    st.success(t(done, lang))
    return True


def _show_conflict(username: str, lang: str) -> None:
    """Someone changed the person since this form was opened: say so until it is reloaded."""
    conflict = st.session_state.get(CONFLICT_KEY)
    if not conflict or conflict[0] != username:
        return
    st.error(md_escape(error_message(conflict[1], lang)), icon=":material/warning:")
    if st.button(t("editing.conflict_reload", lang), key="users_reload", type="primary"):
        _forget(username)
        st.session_state.pop(CONFLICT_KEY, None)
        st.rerun()


def changed_fields(person: User, form: dict) -> dict:
    """Only what the administrator changed in the form (the rest is not written at all)."""
    shown = {
        "display_name": person.display_name,
        "role": person.role,
        "organisation": person.organisation,
        "districts": list(person.districts),
        "oblasts": list(person.oblasts),
    }
    return {
        field: value
        for field, value in form.items()
        if (sorted(value) if isinstance(value, list) else value)
        != (sorted(shown[field]) if isinstance(shown[field], list) else shown[field])
    }


def _change(actor, people, lang: str) -> None:
    by_name = {p.username: p for p in people}
    chosen = st.selectbox(t("users.choose", lang), list(by_name), key="users_chosen")
    if chosen is None:
        return
    person = _seen(by_name[chosen])
    db = context.database()
    above = st.container()
    # Widget keys name the person and the version: choosing someone else shows their values.
    key = f"users_edit_{person.username}_{person.version}"
    with st.form(key):
        cols = st.columns(3)
        name = cols[0].text_input(t("users.display_name", lang), value=person.display_name, key=f"{key}_name")
        role = cols[1].selectbox(
            t("users.role", lang),
            ASSIGNABLE_ROLES,
            index=ASSIGNABLE_ROLES.index(person.role),
            format_func=lambda r: t(f"auth.role.{r.value}", lang),
            key=f"{key}_role",
        )
        organisation = cols[2].text_input(
            t("users.organisation", lang), value=person.organisation or "", key=f"{key}_org"
        )
        districts, oblasts = _scope_inputs(lang, key, role, person.districts, person.oblasts)
        saved = st.form_submit_button(t("users.save", lang))
    if saved:
        changes = changed_fields(
            person,
            {
                "display_name": name,
                "role": role,
                "organisation": organisation or None,
                "districts": districts,
                "oblasts": oblasts,
            },
        )
        with above:
            if not changes:
                st.info(t("users.nothing_changed", lang))
            else:
                _act(
                    lang,
                    person.username,
                    lambda: update_user(db, actor, person.username, changes, person.version),
                    "users.saved",
                )
    cols = st.columns(2)
    with cols[0].form(f"users_password_{person.username}", clear_on_submit=True):
        password = st.text_input(
            t("users.new_password", lang), type="password", key=f"users_reset_password_{person.username}"
        )
        reset = st.form_submit_button(t("users.reset_password", lang))
    if reset:
        with above:
            _act(
                lang,
                person.username,
                lambda: set_password(db, actor, person.username, password, person.version),
                "users.password_set",
            )
    # The button says what this administrator saw; the click names that state and its version.
    toggle = t("users.disable", lang) if person.active else t("users.enable", lang)
    if cols[1].button(toggle, key=f"users_toggle_{person.username}"):
        with above:
            if _act(
                lang,
                person.username,
                lambda: set_active(db, actor, person.username, not person.active, person.version),
                "users.saved",
            ):
                st.rerun()
    with above:
        _show_conflict(person.username, lang)


def render() -> None:
    lang = context.language()
    actor = context.actor()
    st.title(t("users.title", lang))
    if not allowed(actor, Action.MANAGE_USERS):
        st.error(t("editing.denied", lang))
        return
    people = list_users(context.database(), actor)
    st.dataframe(
        pd.DataFrame(
            {
                t("auth.username", lang): [p.username for p in people],
                t("users.display_name", lang): [p.display_name for p in people],
                t("users.role", lang): [t(f"auth.role.{p.role.value}", lang) for p in people],
                t("users.scope", lang): [", ".join(p.districts or p.oblasts) or "–" for p in people],
                t("users.organisation", lang): [p.organisation or "–" for p in people],
                t("users.email", lang): [p.email or "–" for p in people],
                t("users.active", lang): [t("users.yes", lang) if p.active else t("users.no", lang) for p in people],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    _add(actor, lang)
    if people:
        st.subheader(t("users.change", lang))
        _change(actor, people, lang)
