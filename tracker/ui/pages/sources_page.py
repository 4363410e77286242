"""Sources and method: the legal basis, where the data come from and how each figure is computed."""

import streamlit as st

from tracker.config import get_settings
from tracker.i18n import t
from tracker.io.method import method_sections
from tracker.services.setup import has_demo
from tracker.ui import context


def render() -> None:
    lang = context.language()
    settings = get_settings()
    st.title(t("method.title", lang))
    st.caption(t("method.intro", lang))
    sections = method_sections(
        lang,
        norm_per_1000=settings.invataxi_norm_per_1000,
        eligible_share=settings.invataxi_eligible_share,
        reach_km=settings.reach_km,
        demo=has_demo(context.database()),
    )
    for section in sections:
        st.subheader(section.title)
        st.markdown("\n".join(f"- {line}" for line in section.lines))
