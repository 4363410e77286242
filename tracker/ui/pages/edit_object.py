"""Edit one object: stage, dates, money, passport, measures, contractor — and its evidence.

The form keeps the version it was rendered from in the session; a save names that version, so a
change made by someone else meanwhile is refused and shown beside this person's values.
"""

from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from tracker.domain import ConflictError, Facility, TrackerError, calendar
from tracker.domain.enums import (
    DisabilityCategory,
    FundingSource,
    Measure,
    PassportState,
    Stage,
)
from tracker.domain.stages import needs_reason
from tracker.i18n import display_name, fmt_date, fmt_money, label, t
from tracker.services.facilities import update_facility
from tracker.services.permissions import Action, allowed
from tracker.services.rulebook import offered_stages
from tracker.ui import context, data
from tracker.ui.components.evidence_list import evidence_section
from tracker.ui.components.passport_matrix import zone_grid
from tracker.ui.components.point_picker import point_picker
from tracker.ui.form_errors import field_label, messages
from tracker.ui.markdown import md_escape
from tracker.ui.pages import edit_draft

SEEN_KEY = "edit_seen"  # {facility id: {"version": int, "model": json dict}}
CONFLICT_KEY = "edit_conflict"
DATE_FORMAT = "DD.MM.YYYY"
# Wider than the rules allow, so a mistyped year reaches the rule book and is explained, not clipped.
DATE_RANGE = {"min_value": date(1900, 1, 1), "max_value": date(2100, 12, 31)}


def _choose(actor, lang: str) -> int | None:
    """The object picked by district and name among those the actor may edit (``?id=`` presets it).

    A link to an object outside the actor's scope opens that object, so the page can say why it
    may not be edited (the service would refuse the save anyway).
    """
    asked = st.query_params.get("id")
    asked = int(asked) if asked and asked.isdigit() else None
    districts = data.districts()
    if actor.districts:
        districts = districts[districts["kato"].isin(actor.districts)]
    elif actor.oblasts:
        districts = districts[districts["oblast_en"].isin(actor.oblasts)]
    frame = data.facilities()
    frame = frame[frame["district_kato"].isin(districts["kato"])]
    if asked is not None and asked not in set(frame["id"]):
        if st.button(t("editing.choose_other", lang), key="edit_choose_other"):
            del st.query_params["id"]
            st.rerun()
        return asked
    names = dict(zip(districts["kato"], districts[f"name_{lang}"]))
    katos = [k for k in districts["kato"] if k in set(frame["district_kato"])]
    if not katos:
        st.info(t("editing.no_objects", lang))
        return None
    preset = frame[frame["id"] == asked]
    cols = st.columns(2)
    kato = cols[0].selectbox(
        t("editing.district", lang),
        katos,
        format_func=lambda k: names.get(k, k),
        index=katos.index(preset.iloc[0]["district_kato"]) if len(preset) else 0,
        key="edit_district",
    )
    rows = frame[frame["district_kato"] == kato].sort_values("id")
    options = {int(r.id): f"{int(r.id)} · {display_name(r, lang)}" for r in rows.itertuples(index=False)}
    ids = list(options)
    chosen = cols[1].selectbox(
        t("editing.object", lang),
        ids,
        format_func=options.get,
        key="edit_object",
        index=ids.index(asked) if asked in options else 0,
    )
    if chosen is not None:
        st.query_params["id"] = str(chosen)
    return chosen


def _seen(fid: int, version: int, model: Facility) -> dict:
    """The version this person's form shows; kept until they save or reload."""
    seen = st.session_state.setdefault(SEEN_KEY, {})
    if fid not in seen:
        seen[fid] = edit_draft.restore(fid) or {"version": version, "model": model.model_dump(mode="json")}
    return seen[fid]


def _forget(fid: int) -> None:
    """Open the current version next time (after a save, a discard or a conflict's reload)."""
    edit_draft.discard(fid)
    st.session_state.get(SEEN_KEY, {}).pop(fid, None)
    st.session_state.pop(CONFLICT_KEY, None)


def _discard(fid: int, key: str, model: Facility) -> None:
    """Put the opened values back into the widgets and forget the draft (a button's callback)."""
    edit_draft.reset(fid, key, model)
    _forget(fid)


def _money(value: float | None) -> Decimal | None:
    """The amount as saved; an empty field is unknown (None), never 0."""
    return None if value is None else Decimal(str(round(float(value), 2))).quantize(Decimal("0.01"))


def _stage_name(old: Stage, new: Stage, lang: str) -> str:
    """A stage as the list offers it; a move that needs a reason says so."""
    name = label(new, lang)
    return f"{name} · {t('editing.needs_reason', lang)}" if needs_reason(old, new) else name


def _form(fid: int, seen: dict, stages: list[Stage], lang: str):
    """The form over the seen version: (changes, comment, new stage, its date) on submit, else None.

    ``stages`` are the moves this person may make. Also returns the place just above Save, where
    a refusal of this save is told (so it appears where the button was).
    """
    model = Facility.model_validate(seen["model"])
    key = f"edit_{fid}_{seen['version']}"
    # Not an st.form: every change reaches the server, so the draft below survives a reload.
    with st.container(border=True):
        edit_draft.notice(fid, lang)
        top = st.columns(3)
        stage = top[0].selectbox(
            t("editing.field.stage", lang),
            stages,
            index=stages.index(model.stage),
            format_func=lambda s: _stage_name(model.stage, s, lang),
            key=f"{key}_stage",
            help=t("editing.stage_help", lang),
            on_change=_propose_completion_day,
            args=(key,),
        )
        stage_day = top[1].date_input(
            t("editing.stage_date", lang),
            value=None,
            format=DATE_FORMAT,
            key=f"{key}_stage_date",
            help=t("editing.stage_date_help", lang),
        )
        contractor = top[2].text_input(
            t("editing.field.contractor", lang), value=model.contractor or "", max_chars=300, key=f"{key}_contractor"
        )
        dates = st.columns(2)
        planned = dates[0].date_input(
            t("editing.field.planned_completion", lang),
            value=model.planned_completion,
            format=DATE_FORMAT,
            key=f"{key}_planned",
            **DATE_RANGE,
        )
        actual = dates[1].date_input(
            t("editing.field.actual_completion", lang),
            value=model.actual_completion,
            format=DATE_FORMAT,
            key=f"{key}_actual",
            help=t("editing.actual_help", lang, today=fmt_date(calendar.today())),
            **DATE_RANGE,
        )
        st.markdown(f"**{t('editing.money', lang)}**")
        money_cols = st.columns(4)
        budget = {}
        for col, kind in zip(money_cols, ("planned", "allocated", "contracted", "spent")):
            current = getattr(model.budget, kind)
            budget[kind] = col.number_input(
                t(f"editing.field.budget.{kind}", lang),
                min_value=0.0,
                value=None if current is None else float(current),
                placeholder=t("editing.money_unknown", lang),
                step=1000.0,
                format="%.2f",
                key=f"{key}_budget_{kind}",
                help=t("editing.money_help", lang, value=fmt_money(current, lang)),
            )
            # number_input cannot group thousands: the amount is echoed beside it, as it will be saved.
            col.caption(fmt_money(_money(budget[kind]), lang))
        extra = st.columns(2)
        funding = extra[0].selectbox(
            t("editing.field.budget.funding_source", lang),
            list(FundingSource),
            index=list(FundingSource).index(model.budget.funding_source),
            format_func=lambda f: label(f, lang),
            key=f"{key}_funding",
        )
        overrun = extra[1].checkbox(
            t("editing.field.budget.overrun", lang), value=model.budget.overrun, key=f"{key}_overrun"
        )
        zones = zone_grid(model, key, lang)
        st.markdown(f"**{t('passport.form.summary', lang)}**")
        states = [None, *PassportState]
        passport = {}
        for category in DisabilityCategory:
            entry = model.passport.get(category)
            cols = st.columns([2, 2, 2])
            cols[0].markdown(label(category, lang))
            current = cols[1].selectbox(
                t("editing.passport_current", lang),
                states,
                index=states.index(entry.current if entry else None),
                format_func=lambda s: label(s, lang) if s else "–",
                key=f"{key}_pp_{category.value}_current",
            )
            target = cols[2].selectbox(
                t("editing.passport_target", lang),
                states,
                index=states.index(entry.target if entry else None),
                format_func=lambda s: label(s, lang) if s else "–",
                key=f"{key}_pp_{category.value}_target",
            )
            if current or target:
                assessed = entry.assessed_on if entry and entry.current == current else calendar.today()
                passport[category.value] = {
                    "current": current,
                    "target": target,
                    "assessed_on": assessed if current else None,
                }
        measures = st.multiselect(
            t("editing.field.measures", lang),
            list(Measure),
            default=model.measures,
            format_func=lambda m: label(m, lang),
            key=f"{key}_measures",
            placeholder=t("app.choose", lang),
        )
        done = st.multiselect(
            t("editing.field.measures_done", lang),
            list(Measure),
            default=model.measures_done,
            format_func=lambda m: label(m, lang),
            key=f"{key}_done",
            placeholder=t("app.choose", lang),
        )
        comment = st.text_area(
            t("editing.comment", lang), max_chars=2000, key=f"{key}_comment", help=t("editing.comment_help", lang)
        )
        above_save = st.container()
        buttons = st.columns([1, 1, 4])
        submitted = buttons[0].button(t("editing.save", lang), type="primary", key=f"{key}_save")
        buttons[1].button(t("editing.discard", lang), key=f"{key}_discard", on_click=_discard, args=(fid, key, model))
    edit_draft.remember(fid, key, seen, model)
    if not submitted:
        return None, above_save
    changes = {
        "stage": stage,
        "contractor": contractor.strip() or None,
        "planned_completion": planned,
        "actual_completion": actual,
        "measures": measures,
        "measures_done": done,
        "passport": passport,
        "passport_zones": zones,
        "budget": {k: _money(v) for k, v in budget.items()} | {"funding_source": funding, "overrun": overrun},
    }
    return (changes, comment, stage, stage_day), above_save


def _propose_completion_day(key: str) -> None:
    """Picking "completed" fills an empty actual completion date with today (Kazakhstan time); the
    person may change it, and the rule book still refuses a day after today."""
    if st.session_state.get(f"{key}_stage") == Stage.COMPLETED and st.session_state.get(f"{key}_actual") is None:
        st.session_state[f"{key}_actual"] = calendar.today()


def _refused(places, lines: list[str]) -> None:
    """The same refusal at the top of the page and beside the Save button."""
    text = "\n\n".join(f"- {md_escape(line)}" for line in lines)
    for place in places:
        place.error(text, icon=":material/block:")


def _save(actor, fid: int, seen: dict, submitted, lang: str, places) -> None:
    changes, comment, stage, stage_day = submitted
    if stage_day is not None and stage != Stage(seen["model"]["stage"]):
        changes["stage_dates"] = dict(seen["model"]["stage_dates"]) | {stage.value: stage_day}
    try:
        saved = update_facility(
            context.database(),
            actor,
            fid,
            changes,
            seen["version"],
            comment=comment or None,
            boundaries=context.boundaries(),
        )
    except ConflictError as conflict:
        try:
            mine = data.flatten(
                Facility.model_validate(seen["model"] | changes).model_dump(mode="json", exclude={"id"})
            )
        except (ValidationError, TrackerError):
            mine = data.flatten(seen["model"] | {k: v for k, v in changes.items() if k != "budget"})
        st.session_state[CONFLICT_KEY] = {
            "fid": fid,
            "mine": mine,
            "theirs": conflict.current,
            "opened": data.flatten({k: v for k, v in seen["model"].items() if k != "id"}),
            "version": conflict.current_version,
        }
        return
    except (ValidationError, TrackerError) as error:
        _refused(places, messages(error, lang))
        return
    _forget(fid)
    st.session_state["edit_saved"] = (fid, saved.stored.version, saved.warnings)
    st.rerun()


def _show_conflict(fid: int, lang: str, places, below) -> None:
    """The conflict: said at the top and above Save; both values and the way out just below Save."""
    conflict = st.session_state.get(CONFLICT_KEY)
    if not conflict or conflict["fid"] != fid:
        return
    for place in places:
        place.error(t("editing.conflict", lang), icon=":material/warning:")
    with below:
        _conflict_detail(conflict, fid, lang)


def _conflict_detail(conflict: dict, fid: int, lang: str) -> None:
    mine, theirs, opened = conflict["mine"], conflict["theirs"], conflict["opened"]
    fields = sorted(
        k
        for k in set(mine) | set(theirs)
        if mine.get(k) != theirs.get(k) and (mine.get(k) != opened.get(k) or theirs.get(k) != opened.get(k))
    )
    table = pd.DataFrame(
        {
            t("editing.conflict_field", lang): [field_label(tuple(f.split(".")), lang) for f in fields],
            t("editing.conflict_opened", lang): [_show(opened.get(f), lang, f) for f in fields],
            t("editing.conflict_yours", lang): [_show(mine.get(f), lang, f) for f in fields],
            t("editing.conflict_theirs", lang, version=conflict["version"]): [
                _show(theirs.get(f), lang, f) for f in fields
            ],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    if st.button(t("editing.conflict_reload", lang), key="edit_reload", type="primary"):
        _forget(fid)
        st.rerun()


def _show(value, lang: str, field: str = "") -> str:
    """A stored value as text: ₸ with separators, vocabulary names, dd.mm.yyyy dates, lists joined."""
    if value is None:
        return "–"
    if isinstance(value, list):
        return ", ".join(_show(v, lang) for v in value) or "–"
    text = str(value)
    if field in ("budget.planned", "budget.allocated", "budget.contracted", "budget.spent"):
        return fmt_money(Decimal(text), lang)
    if isinstance(value, bool):
        return t("users.yes", lang) if value else t("users.no", lang)
    for vocabulary in (Stage, PassportState, Measure, FundingSource):
        try:
            return label(vocabulary(text), lang)
        except ValueError:
            pass
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return fmt_date(text)
    return text


def render() -> None:
    lang = context.language()
    actor = context.actor()
    st.title(t("editing.title", lang))
    if not actor.signed_in:
        st.info(t("auth.required", lang))
        return
    fid = _choose(actor, lang)
    if fid is None:
        return
    stored, district = data.stored_facility(fid)
    if stored is None:
        st.error(t("editing.not_found", lang))
        return
    model, kato, oblast = stored.model, district.model.kato, district.model.oblast_en
    st.subheader(md_escape(model.display_name(lang)))
    st.caption(
        t(
            "editing.object_caption",
            lang,
            id=fid,
            district=district.model.name(lang),
            version=stored.version,
            who=md_escape(stored.updated_by),
            when=fmt_date(stored.updated_at),
        )
    )
    if model.demo:
        st.warning(t("app.demo_notice", lang), icon="⚠️")
    saved = st.session_state.pop("edit_saved", None)
    if saved and saved[0] == fid:
        st.success(t("editing.saved", lang, version=saved[1]))
        for warning in saved[2]:
            st.warning(md_escape(warning))
    if not allowed(actor, Action.EDIT_FACILITY, kato, oblast):
        # The service refuses it anyway; here the person learns why before typing anything.
        st.error(t("editing.denied_district", lang, district=district.model.name(lang)), icon=":material/block:")
        return
    seen = _seen(fid, stored.version, model)
    above_form = st.container()
    stages = offered_stages(actor, Stage(seen["model"]["stage"]), kato, oblast)
    submitted, above_save = _form(fid, seen, stages, lang)
    below_save = st.container()
    if submitted is not None:
        _save(actor, fid, seen, submitted, lang, (above_form, above_save))
    _show_conflict(fid, lang, (above_form, above_save), below_save)
    point_picker(actor, fid, stored.version, model, lang)
    evidence_section(actor, fid, kato, oblast, lang)
