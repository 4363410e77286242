"""People who sign in (administrators only): add, change role and scope, disable, reset password."""

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from tracker.domain import TrackerError
from tracker.i18n import t
from tracker.services.actor import ASSIGNABLE_ROLES, Role
from tracker.services.permissions import Action, allowed
from tracker.services.users import add_user, list_users, set_active, set_password, update_user
from tracker.ui import context, data
from tracker.ui.form_errors import md_escape, messages


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
            context.engine(),
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


def _change(actor, people, lang: str) -> None:
    by_name = {p.username: p for p in people}
    chosen = st.selectbox(t("users.choose", lang), list(by_name), key="users_chosen")
    if chosen is None:
        return
    person = by_name[chosen]
    with st.form(f"users_edit_{person.username}_{person.version}"):
        cols = st.columns(3)
        name = cols[0].text_input(t("users.display_name", lang), value=person.display_name, key="users_edit_name")
        role = cols[1].selectbox(
            t("users.role", lang),
            ASSIGNABLE_ROLES,
            index=ASSIGNABLE_ROLES.index(person.role),
            format_func=lambda r: t(f"auth.role.{r.value}", lang),
            key="users_edit_role",
        )
        organisation = cols[2].text_input(
            t("users.organisation", lang), value=person.organisation or "", key="users_edit_org"
        )
        districts, oblasts = _scope_inputs(lang, "users_edit", role, person.districts, person.oblasts)
        if st.form_submit_button(t("users.save", lang)):
            try:
                update_user(
                    context.engine(),
                    actor,
                    person.username,
                    {
                        "display_name": name,
                        "role": role,
                        "organisation": organisation or None,
                        "districts": districts,
                        "oblasts": oblasts,
                    },
                    person.version,
                )
                st.success(t("users.saved", lang))
            except (ValidationError, TrackerError) as error:
                _fail(error, lang)
    cols = st.columns(2)
    with cols[0].form(f"users_password_{person.username}", clear_on_submit=True):
        password = st.text_input(t("users.new_password", lang), type="password", key="users_reset_password")
        if st.form_submit_button(t("users.reset_password", lang)):
            try:
                set_password(context.engine(), actor, person.username, password)
                st.success(t("users.password_set", lang))
            except (ValidationError, TrackerError) as error:
                _fail(error, lang)
    toggle = t("users.disable", lang) if person.active else t("users.enable", lang)
    if cols[1].button(toggle, key="users_toggle"):
        try:
            set_active(context.engine(), actor, person.username, not person.active)
            st.rerun()
        except TrackerError as error:
            _fail(error, lang)


def render() -> None:
    lang = context.language()
    actor = context.actor()
    st.title(t("users.title", lang))
    if not allowed(actor, Action.MANAGE_USERS):
        st.error(t("editing.denied", lang))
        return
    people = list_users(context.engine(), actor)
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
