"""The download button of an audit's printable act (PDF), made when it is pressed.

Shown after an audit is submitted and beside each audit on the object page, to signed-in people
(the act carries the photos). The assessor may put their own name on the act of their own audit.
"""

from datetime import date

import streamlit as st

from tracker.i18n import fmt_date, t
from tracker.services.audit_acts import audit_act
from tracker.services.permissions import Action, allowed
from tracker.services.visits import visits_for
from tracker.ui import context
from tracker.ui.markdown import md_escape


def act_button(visit_id: int, lang: str, key: str, label: str | None = None, with_name: bool = False) -> None:
    """One button: the act of audit ``visit_id`` as a PDF in the reader's language."""
    db, actor = context.database(), context.actor()
    st.download_button(
        label or t("auditact.download", lang),
        data=lambda: audit_act(db, actor, visit_id, lang, "pdf", with_name=with_name).data,
        file_name=f"audit-act-{visit_id}-{lang}.pdf",
        mime="application/pdf",
        key=key,
        icon=":material/print:",
        on_click="ignore",
        use_container_width=True,
    )


def object_audit_acts(facility_id: int, lang: str) -> None:
    """The object's audits, newest first, one act button each (for signed-in people)."""
    actor = context.actor()
    if not allowed(actor, Action.VIEW_PERSONAL):
        return
    frame = visits_for(context.database(), actor, [facility_id])
    audits = frame[frame["audit"].notna()] if not frame.empty else frame
    if audits.empty:
        return
    st.subheader(t("auditact.heading", lang))
    for row in audits.itertuples(index=False):
        when = row.visited_on if isinstance(row.visited_on, date) else None
        label = t("auditact.download_of", lang, date=fmt_date(when), organisation=md_escape(row.organisation))
        act_button(int(row.id), lang, key=f"audit_act_{int(row.id)}", label=label)
