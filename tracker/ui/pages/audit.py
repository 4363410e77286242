"""Site audit from a phone: pick the object, one functional zone per step, the verdict with reasons.

Answers are kept as a server-side draft at every step (form ``audit``, keyed by the object), so a
reload or a lost connection resumes where the assessor was; the submit stores a monitoring visit.
"""

import streamlit as st
from pydantic import ValidationError

from tracker.domain import TrackerError, calendar
from tracker.domain.checklist import NO, NOT_APPLICABLE, YES, clean_answers, evaluate, load
from tracker.domain.passport import Zone
from tracker.i18n import display_name, fmt_int, fmt_number, t
from tracker.i18n.audit import limit_text, norm_text, reason_text, unit_text
from tracker.services import draft_photos, drafts
from tracker.services.audits import record_audit
from tracker.services.nearby import nearest_in_scope
from tracker.ui import context, data
from tracker.ui.components import audit_photos
from tracker.ui.components.audit_act import act_button
from tracker.ui.components.near_me import near_me_button
from tracker.ui.form_errors import messages
from tracker.ui.markdown import md_escape

FORM = "audit"
ZONES = list(Zone)
STEP = "audit_step"
ANSWERS = "audit_answers"
OBJECT = "audit_object"
DONE = "audit_done"
DONE_VISIT = "audit_done_visit"
DISCARDED = "audit_discarded"
NEAR_ERRORS = ("denied", "unavailable", "timeout")
NEAR_LIMIT = 10


def _near(frame, lang: str) -> list[tuple[int, float]] | None:
    """The "near me" button; after the browser answers, the nearest objects of the person's scope."""
    answer = near_me_button(t("audit.near.button", lang), t("audit.near.hint", lang), key="audit_near")
    if answer is None:
        return None
    if "error" in answer:
        problem = answer["error"] if answer["error"] in NEAR_ERRORS else "unavailable"
        st.warning(t(f"audit.near.{problem}", lang), icon=":material/location_off:")
        return None
    try:
        lat, lon = float(answer["lat"]), float(answer["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    districts = data.districts()
    oblast_of = dict(zip(districts["kato"], districts["oblast_en"], strict=True))
    found = nearest_in_scope(context.actor(), frame, oblast_of, lat, lon, limit=NEAR_LIMIT)
    st.caption(t("audit.near.found", lang, n=len(found)) + " " + t("audit.near.privacy", lang))
    return found


def _distance(km: float, lang: str) -> str:
    if km < 1:
        return t("audit.near.metres", lang, m=fmt_int(round(km * 1000, -1), lang))
    return t("audit.near.km", lang, km=fmt_number(km, lang, 1))


def _pick(lang: str) -> int | None:
    frame = data.facilities()
    query = st.text_input(
        t("audit.page.search", lang), key="audit_search", placeholder=t("audit.page.search_hint", lang)
    )
    near = _near(frame, lang)
    if query.strip():
        needle = query.strip().casefold()
        names = frame.apply(lambda r: display_name(r, lang), axis=1)
        frame = frame[names.str.casefold().str.contains(needle, regex=False) | (frame["id"].astype(str) == needle)]
    elif near:
        rows = frame.set_index("id")
        options = {fid: f"{fid} · {display_name(rows.loc[fid], lang)} · {_distance(km, lang)}" for fid, km in near}
        return st.selectbox(t("audit.page.object", lang), list(options), format_func=options.get, key="audit_pick")
    options = {int(r.id): f"{int(r.id)} · {display_name(r, lang)}" for r in frame.head(50).itertuples(index=False)}
    if not options:
        st.info(t("audit.page.none_found", lang))
        return None
    return st.selectbox(t("audit.page.object", lang), list(options), format_func=options.get, key="audit_pick")


def _resume(fid: int) -> None:
    """Load the draft once per object and session: answers and the step the assessor was on."""
    if st.session_state.get(OBJECT) == fid:
        return
    draft = drafts.load(context.database(), context.actor(), FORM, str(fid)) or {}
    st.session_state[OBJECT] = fid
    st.session_state[ANSWERS] = draft.get("answers", {})
    st.session_state[STEP] = min(int(draft.get("step", 0)), len(ZONES))
    audit_photos.reset(draft.get("photos"))
    st.session_state.pop(DONE, None)
    st.session_state.pop(DONE_VISIT, None)
    for key in [k for k in st.session_state if str(k).startswith("audit_q_")]:
        del st.session_state[key]


def _keep(fid: int) -> None:
    payload = {
        "step": st.session_state[STEP],
        "answers": st.session_state[ANSWERS],
        "photos": st.session_state.get(audit_photos.PHOTOS, {}),
    }
    drafts.keep(context.database(), context.actor(), FORM, str(fid), payload)


def _zone_step(fid: int, zone: Zone, lang: str) -> None:
    checklist = load()
    given = st.session_state[ANSWERS].setdefault(zone.value, {})
    choices = [YES, NO, NOT_APPLICABLE]
    for q in checklist.zones[zone]:
        key = f"audit_q_{zone.value}_{q.id}"
        unit = f", {unit_text(q.unit, lang)}" if q.unit else ""
        st.markdown(f"**{md_escape(q.text(lang))}{unit}**")
        if q.kind == "presence":
            previous = given.get(q.id)
            value = st.radio(
                q.text(lang),
                choices,
                index=choices.index(previous) if previous in choices else None,
                format_func=lambda c: t(f"audit.page.answer_{c}", lang),
                horizontal=True,
                label_visibility="collapsed",
                key=key,
            )
        else:
            previous = given.get(q.id)
            na = st.checkbox(t("audit.page.answer_na", lang), value=previous == NOT_APPLICABLE, key=f"{key}_na")
            number = st.number_input(
                f"{q.text(lang)}, {unit_text(q.unit, lang)}",
                min_value=0.0,
                value=previous if isinstance(previous, float | int) else None,
                step=0.01,
                format="%.2f",
                disabled=na,
                label_visibility="collapsed",
                key=key,
            )
            value = NOT_APPLICABLE if na else number
        if q.kind == "presence":
            st.caption(norm_text(checklist, q, lang))
        elif not q.rule.input:
            st.caption(f"{limit_text(q, lang)} · {norm_text(checklist, q, lang)}")
        if value is None:
            given.pop(q.id, None)
        else:
            given[q.id] = value
    audit_photos.zone_photos(zone, lang, lambda: _keep(fid))


def _review(fid: int, actor, lang: str) -> None:
    checklist = load()
    try:
        verdict = evaluate(checklist, clean_answers(checklist, st.session_state[ANSWERS]))
    except TrackerError as error:
        st.error("\n\n".join(md_escape(line) for line in messages(error, lang)))
        return
    st.subheader(t("audit.page.verdict", lang, conclusion=verdict.conclusion or "–"))
    for reason in verdict.reasons:
        st.markdown(f"- {md_escape(reason_text(checklist, reason, lang))}")
    st.caption(t("audit.rule_note", lang))
    audit_photos.all_photos(lang)
    organisation = st.text_input(t("visits.organisation", lang), value=actor.organisation or "", key="audit_org")
    visited_on = calendar.today()
    if st.button(t("audit.page.submit", lang), type="primary", use_container_width=True, key="audit_submit"):
        photos = draft_photos.uploads(actor, st.session_state.get(audit_photos.PHOTOS, {}))
        try:
            visit_id, _ = record_audit(
                context.database(), actor, fid, visited_on, organisation, st.session_state[ANSWERS], photos=photos
            )
        except (ValidationError, TrackerError) as error:
            st.error("\n\n".join(f"- {md_escape(line)}" for line in messages(error, lang)), icon=":material/block:")
            return
        drafts.drop(context.database(), actor, FORM, str(fid))
        draft_photos.drop_photos(actor, st.session_state.get(audit_photos.PHOTOS, {}))
        audit_photos.reset(None)
        st.session_state[DONE] = verdict.conclusion
        st.session_state[DONE_VISIT] = visit_id
        st.rerun()


def render() -> None:
    lang = context.language()
    actor = context.actor()
    st.title(t("audit.page.title", lang))
    fid = _pick(lang)
    if fid is None:
        return
    _resume(fid)
    if st.session_state.pop(DISCARDED, False):
        st.info(t("audit.photos.discarded", lang))
    if st.session_state.get(DONE):
        st.success(t("audit.page.saved", lang, conclusion=st.session_state[DONE]))
        if actor.role == "district_editor":
            st.info(t("proposals.sent", lang))
        if st.session_state.get(DONE_VISIT):
            named = st.checkbox(
                t("auditact.sign_by_name", lang), key="audit_act_named", help=t("auditact.sign_by_name_help", lang)
            )
            act_button(st.session_state[DONE_VISIT], lang, key="audit_act_after_submit", with_name=named)
        return
    step = st.session_state[STEP]
    total = len(ZONES) + 1
    title = t(f"visits.zone.{ZONES[step].value}", lang) if step < len(ZONES) else t("audit.page.review", lang)
    st.progress((step + 1) / total, text=t("audit.page.step", lang, n=step + 1, total=total, title=title))
    if step < len(ZONES):
        _zone_step(fid, ZONES[step], lang)
    else:
        _review(fid, actor, lang)
    back, forward = st.columns(2)
    if step > 0 and back.button(t("audit.page.back", lang), use_container_width=True, key="audit_back"):
        st.session_state[STEP] = step - 1
        _keep(fid)
        st.rerun()
    if step < len(ZONES) and forward.button(
        t("audit.page.next", lang), type="primary", use_container_width=True, key="audit_next"
    ):
        st.session_state[STEP] = step + 1
        _keep(fid)
        st.rerun()
    st.caption(t("audit.page.draft_note", lang))
    if st.button(t("audit.photos.discard", lang), type="tertiary", icon=":material/delete:", key="audit_discard"):
        _discard(fid)


def _discard(fid: int) -> None:
    """Forget the draft, its answers and its photo files; the audit starts again at the first step."""
    actor = context.actor()
    drafts.drop(context.database(), actor, FORM, str(fid))
    draft_photos.drop_photos(actor, st.session_state.get(audit_photos.PHOTOS, {}))
    st.session_state.pop(OBJECT, None)
    st.session_state[DISCARDED] = True
    st.rerun()
