"""Passport proposals: district staff's site audits waiting for a programme manager's decision."""

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from tracker.domain.checklist import by_version
from tracker.domain.errors import TrackerError
from tracker.domain.facility import Facility
from tracker.domain.proposal import proposed_zones
from tracker.i18n import display_name, fmt_date, t
from tracker.i18n.audit import reason_text
from tracker.i18n.errors import messages
from tracker.services.audits import audit_verdict
from tracker.services.proposals import Proposal, confirm_proposal, pending_proposals, reject_proposal
from tracker.ui import context, links
from tracker.ui.components.passport_matrix import matrix_table, zone_name
from tracker.ui.markdown import md_escape

DONE = "proposals_done"


def _code(state) -> str:
    return state.code if state is not None else "–"


def change_table(proposal: Proposal, lang: str) -> pd.DataFrame:
    """One row per zone × category the audit assessed: the state now, the proposed one, the reasons."""
    checklist = by_version(proposal.visit.audit.checklist_version)
    reasons = audit_verdict(proposal.visit.audit).reasons
    rows = []
    for change in proposal.changes:
        why = [
            reason_text(checklist, r, lang) for r in reasons if (r.zone, r.category) == (change.zone, change.category)
        ]
        rows.append(
            {
                t("passport.matrix.zone", lang): zone_name(change.zone, lang),
                t("proposals.category", lang): change.category.code,
                t("proposals.now", lang): _code(change.before),
                t("proposals.proposed", lang): _code(change.after),
                t("proposals.changed", lang): t("proposals.yes" if change.changed else "proposals.no", lang),
                t("proposals.reasons", lang): "; ".join(why) or "–",
            }
        )
    return pd.DataFrame(rows)


def _proposed_facility(proposal: Proposal) -> Facility:
    zones = proposed_zones(proposal.facility.passport_zones, proposal.visit.zone_findings)
    data = proposal.facility.model_dump() | {"passport_zones": {z: a.model_dump() for z, a in zones.items()}}
    return Facility.model_validate(data)


def _errors(error: Exception, lang: str) -> None:
    st.error("\n\n".join(f"- {md_escape(line)}" for line in messages(error, lang)), icon=":material/block:")


def _one(proposal: Proposal, actor, lang: str) -> None:
    facility, visit = proposal.facility, proposal.visit
    name = display_name(facility, lang)
    links.page_link("object", md_escape(f"#{facility.id} {name}"), lang, icon=":material/apartment:", id=facility.id)
    st.caption(
        t(
            "proposals.by",
            lang,
            person=proposal.proposed_by,
            organisation=visit.organisation,
            date=fmt_date(visit.visited_on),
            audit=proposal.visit_id,
        )
    )
    after = _proposed_facility(proposal)
    now_text = facility.conclusion or t("passport.conclusion_none", lang)
    st.markdown(f"**{t('passport.conclusion', lang)}:** {md_escape(now_text)} → {md_escape(after.conclusion or '–')}")
    if proposal.stale:
        st.warning(t("rule.proposal.stale", lang, visit=proposal.visit_id, facility=facility.id))
    st.dataframe(
        change_table(proposal, lang), hide_index=True, width="stretch", key=f"proposal_changes_{proposal.visit_id}"
    )
    left, right = st.columns(2)
    left.markdown(f"**{t('proposals.now_passport', lang)}**")
    left.dataframe(
        matrix_table(facility.passport_zones, lang), hide_index=True, key=f"proposal_now_{proposal.visit_id}"
    )
    right.markdown(f"**{t('proposals.proposed_passport', lang)}**")
    right.dataframe(matrix_table(after.passport_zones, lang), hide_index=True, key=f"proposal_new_{proposal.visit_id}")
    st.caption(t("passport.rule", lang))
    confirm, reject = st.columns(2)
    if confirm.button(
        t("proposals.confirm", lang),
        type="primary",
        use_container_width=True,
        key=f"proposal_confirm_{proposal.visit_id}",
        disabled=proposal.stale,
    ):
        try:
            confirm_proposal(context.database(), actor, proposal.visit_id, proposal.visit_version)
        except (ValidationError, TrackerError) as error:
            _errors(error, lang)
            return
        st.session_state[DONE] = t("proposals.confirmed", lang, audit=proposal.visit_id, facility=facility.id)
        st.rerun()
    with reject.form(f"proposal_reject_{proposal.visit_id}", border=False):
        reason = st.text_input(t("proposals.reject_reason", lang), key=f"proposal_reason_{proposal.visit_id}")
        if st.form_submit_button(t("proposals.reject", lang), use_container_width=True):
            try:
                reject_proposal(context.database(), actor, proposal.visit_id, proposal.visit_version, reason)
            except (ValidationError, TrackerError) as error:
                _errors(error, lang)
                return
            st.session_state[DONE] = t("proposals.rejected", lang, audit=proposal.visit_id)
            st.rerun()


def render() -> None:
    lang = context.language()
    actor = context.actor()
    st.title(t("proposals.title", lang))
    st.caption(t("proposals.intro", lang))
    if st.session_state.get(DONE):
        st.success(st.session_state.pop(DONE))
    pending = pending_proposals(context.database(), actor)
    if not pending:
        st.info(t("proposals.none", lang))
        return
    options = {p.visit_id: p for p in pending}

    def caption(visit_id: int) -> str:
        p = options[visit_id]
        return f"#{visit_id} · {display_name(p.facility, lang)} · {fmt_date(p.visit.visited_on)}"

    chosen = st.selectbox(t("proposals.pick", lang, n=len(pending)), list(options), format_func=caption)
    _one(options[chosen], actor, lang)
