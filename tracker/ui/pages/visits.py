"""Monitoring visits: NGOs record what they found on site; everyone signed in reads them."""

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from tracker.domain import TrackerError, calendar
from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.visit import Zone
from tracker.i18n import display_name, fmt_date, label, t
from tracker.services import evidence
from tracker.services.permissions import Action, allowed
from tracker.services.visits import record_visit, visits_for
from tracker.ui import context, data, links
from tracker.ui.components.thumbnails import thumbnail_grid
from tracker.ui.form_errors import messages
from tracker.ui.markdown import md_escape

DATE_FORMAT = "DD.MM.YYYY"


def _choose(lang: str) -> int | None:
    frame = data.facilities()
    districts = data.districts()
    names = dict(zip(districts["kato"], districts[f"name_{lang}"]))
    katos = [k for k in districts["kato"] if k in set(frame["district_kato"])]
    if not katos:
        st.info(t("editing.no_objects", lang))
        return None
    asked = st.query_params.get("id")
    preset = frame[frame["id"] == int(asked)] if asked and asked.isdigit() else frame.iloc[0:0]
    start = katos.index(preset.iloc[0]["district_kato"]) if len(preset) else 0
    cols = st.columns(2)
    kato = cols[0].selectbox(
        t("editing.district", lang), katos, index=start, format_func=lambda k: names.get(k, k), key="visits_district"
    )
    rows = frame[frame["district_kato"] == kato].sort_values("id")
    options = {int(r.id): f"{int(r.id)} · {display_name(r, lang)}" for r in rows.itertuples(index=False)}
    ids = list(options)
    index = ids.index(int(asked)) if asked and asked.isdigit() and int(asked) in options else 0
    chosen = cols[1].selectbox(
        t("editing.object", lang), ids, index=index, format_func=options.get, key="visits_object"
    )
    if chosen is not None:
        st.query_params["id"] = str(chosen)
    return chosen


def _form(actor, fid: int, lang: str) -> None:
    states = [None, *PassportState]
    with st.form(f"visit_form_{fid}", clear_on_submit=True):
        st.markdown(f"**{t('visits.new', lang)}**")
        top = st.columns(2)
        visited_on = top[0].date_input(
            t("visits.date", lang),
            value=calendar.today(),
            format=DATE_FORMAT,
            max_value=calendar.today(),
            key="visit_date",
        )
        organisation = top[1].text_input(
            t("visits.organisation", lang), value=actor.organisation or "", max_chars=300, key="visit_org"
        )
        st.markdown(f"**{t('passport.visit.title', lang)}**")
        st.caption(t("passport.visit.intro", lang))
        zone_findings: dict[str, dict[str, PassportState]] = {}
        notes = {}
        for zone in Zone:
            with st.expander(t(f"visits.zone.{zone.value}", lang), expanded=False):
                cols = st.columns(len(DisabilityCategory))
                found_here = {}
                for col, category in zip(cols, DisabilityCategory):
                    found = col.selectbox(
                        category.code,
                        states,
                        format_func=lambda s: s.code if s else "–",
                        key=f"visit_zone_{zone.value}_{category.value}",
                        help=label(category, lang),
                    )
                    if found:
                        found_here[category.value] = found
                if found_here:
                    zone_findings[zone.value] = found_here
                notes[zone.value] = st.text_area(
                    t("visits.zone_notes", lang), max_chars=2000, key=f"visit_zone_{zone.value}", height=68
                )
        st.markdown(t("visits.findings", lang))
        cols = st.columns(len(DisabilityCategory))
        findings = {}
        for col, category in zip(cols, DisabilityCategory):
            found = col.selectbox(
                label(category, lang),
                states,
                format_func=lambda s: label(s, lang) if s else "–",
                key=f"visit_find_{category.value}",
            )
            if found:
                findings[category.value] = found
        comment = st.text_area(t("visits.comment", lang), max_chars=4000, key="visit_comment")
        photos = st.file_uploader(
            t("visits.photos", lang),
            type=["jpg", "jpeg", "png", "webp"],
            accept_multiple_files=True,
            key="visit_photos",
            help=t("editing.upload_help", lang),
        )
        submitted = st.form_submit_button(t("visits.save", lang), type="primary")
    if not submitted:
        return
    try:
        record_visit(
            context.database(),
            actor,
            {
                "facility_id": fid,
                "visited_on": visited_on,
                "organisation": organisation,
                "findings": findings,
                "zone_findings": zone_findings,
                "zone_notes": notes,
                "comment": comment or None,
            },
            [evidence.Upload(p.name, p.getvalue()) for p in photos or []],
        )
    except (ValidationError, TrackerError) as error:
        st.error("\n\n".join(f"- {md_escape(line)}" for line in messages(error, lang)), icon=":material/block:")
        return
    st.success(t("visits.saved", lang))


def _findings_text(findings: dict, lang: str) -> str:
    return ", ".join(f"{DisabilityCategory(c).code}: {PassportState(s).code}" for c, s in findings.items()) or "–"


def _zones_text(zone_findings, lang: str) -> str:
    if not isinstance(zone_findings, dict) or not zone_findings:
        return "–"
    return "; ".join(
        f"{t(f'visits.zone.{z}', lang)}: {_findings_text(found, lang)}" for z, found in zone_findings.items()
    )


def _notes_text(notes: dict, lang: str) -> str:
    return "; ".join(f"{t(f'visits.zone.{z}', lang)}: {text}" for z, text in notes.items()) or "–"


def _table(frame: pd.DataFrame, lang: str, personal: bool) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            t("visits.date", lang): [fmt_date(d) for d in frame["visited_on"]],
            t("visits.organisation", lang): [
                f"{org} {t('dashboards.demo_mark', lang)}" if demo else org
                for org, demo in zip(frame["organisation"], frame["demo"])
            ],
            t("visits.findings_short", lang): [_findings_text(f, lang) for f in frame["findings"]],
            t("passport.visit.title", lang): [_zones_text(z, lang) for z in frame["zone_findings"]],
            t("visits.zone_notes", lang): [_notes_text(n, lang) for n in frame["zone_notes"]],
            t("visits.comment", lang): frame["comment"].fillna("–"),
        }
    )
    if personal:
        table[t("visits.recorded_by", lang)] = frame["recorded_by"]
    return table


def render() -> None:
    lang = context.language()
    actor = context.actor()
    st.title(t("visits.title", lang))
    st.caption(t("visits.intro", lang))
    fid = _choose(lang)
    if fid is None:
        return
    links.page_link("edit", t("visits.open_edit", lang), lang, icon=":material/edit:", id=fid)
    if allowed(actor, Action.RECORD_VISIT):
        _form(actor, fid, lang)
    personal = allowed(actor, Action.VIEW_PERSONAL)
    frame = visits_for(context.database(), actor, [fid])
    st.subheader(t("visits.of_object", lang))
    if frame.empty:
        st.caption(t("visits.none", lang))
    else:
        st.dataframe(_table(frame, lang, personal), hide_index=True, width="stretch")
        photos = [i for i in evidence.list_evidence(context.database(), fid) if i.kind == "visit" and i.is_image]
        if photos:
            thumbnail_grid(photos, lambda item: item.filename)
    recent = visits_for(context.database(), actor).head(50)
    if len(recent):
        st.subheader(t("visits.recent", lang))
        objects = data.facilities()
        names = dict(zip(objects["id"].astype(int), display_name(objects, lang)))
        table = _table(recent, lang, personal)
        table.insert(0, t("editing.object", lang), [names.get(int(i), str(i)) for i in recent["facility_id"]])
        st.dataframe(table, hide_index=True, width="stretch")
