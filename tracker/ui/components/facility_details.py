"""One object's details, for the map, the district page and the object page.

``render_facility_details(facility_id, lang)`` reads through the cached read model
(``tracker.ui.data.facility_record``) and never writes. User text (names, addresses,
contractors) goes into markdown only through ``md_escape`` and otherwise into tables, which
show text as text.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd
import streamlit as st

from tracker.analytics.progress import NOT_LATE
from tracker.domain import calendar
from tracker.domain.enums import (
    MAIN_LINE,
    DisabilityCategory,
    FundingSource,
    Measure,
    Ownership,
    PassportState,
    Sector,
    Stage,
)
from tracker.domain.facility import Facility, PassportEntry
from tracker.domain.passport import Zone
from tracker.i18n import fmt_date, fmt_int, fmt_money, fmt_number, fmt_pct, label, t
from tracker.services.history_view import (
    CREATED,
    DELETED,
    RESTORED,
    FacilityRecord,
)
from tracker.services.permissions import Action, allowed
from tracker.ui import context, data
from tracker.ui.links import page_link
from tracker.ui.markdown import md_escape

#: Okabe–Ito colours as a cue beside the code and a symbol, so colour is never the only signal.
STATE_STYLE: dict[PassportState, tuple[str, str]] = {
    PassportState.FULL: ("●", "#009E7340"),
    PassportState.PARTIAL: ("◕", "#56B4E940"),
    PassportState.CONDITIONAL: ("◑", "#E69F0040"),
    PassportState.NONE: ("○", "#D55E0040"),
}
MAX_ID = 2**31 - 1
_VOCABULARY = {"sector": Sector, "ownership": Ownership, "stage": Stage, "budget.funding_source": FundingSource}
_MONEY = {f"budget.{kind}" for kind in ("planned", "allocated", "contracted", "spent")}
_DATES = {"planned_completion", "actual_completion"}
_BUDGET_FIELDS = ("planned", "allocated", "contracted", "spent", "funding_source", "overrun")
_PLAIN_FIELDS = (
    "external_id",
    "name_kk",
    "name_ru",
    "sector",
    "address",
    "district_kato",
    "lat",
    "lon",
    "ownership",
    "program_years",
    "measures",
    "measures_done",
    "contractor",
    "stage",
    "planned_completion",
    "actual_completion",
    "passport",
    "stage_dates",
    "demo",
)


def parse_id(raw: object) -> int | None:
    """An object id from a URL or a click: a positive whole number, else None."""
    text = str(raw).strip() if raw is not None else ""
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def facility_name(facility: Facility, lang: str) -> str:
    return facility.display_name(lang) or f"#{facility.id}"


# --- history, as people read it --------------------------------------------------------------


def field_label(field: str, lang: str) -> str:
    """The name of a recorded field in ``lang``; unknown fields keep their stored name."""
    special = {CREATED: "created", DELETED: "deleted", RESTORED: "restored"}
    if field in special:
        return t(f"dashboards.field.{special[field]}", lang)
    parts = field.split(".")
    if parts[0] == "budget" and len(parts) == 2:
        return t(f"dashboards.field.budget_{parts[1]}", lang) if parts[1] in _BUDGET_FIELDS else field
    if parts[0] == "stage_dates" and len(parts) == 2 and parts[1] in Stage._value2member_map_:
        return t("dashboards.field.stage_date", lang, stage=label(Stage(parts[1]), lang))
    if parts[0] == "passport" and len(parts) == 3 and parts[1] in DisabilityCategory._value2member_map_:
        if parts[2] in ("current", "target", "assessed_on"):
            code = DisabilityCategory(parts[1]).code
            return t(f"dashboards.field.passport_{parts[2]}", lang, category=code)
    if parts[0] == "passport_zones" and len(parts) >= 2 and parts[1] in Zone._value2member_map_:
        zone = t(f"visits.zone.{parts[1]}", lang)
        if len(parts) == 5 and parts[3] in DisabilityCategory._value2member_map_ and parts[4] in ("current", "target"):
            what = DisabilityCategory(parts[3]).code
            return t(
                "passport.col.zone" if parts[4] == "current" else "passport.col.zone_target", lang, zone=zone, what=what
            )
        if len(parts) == 3 and parts[2] in ("measures", "measures_done"):
            return t(f"passport.field.zone_{parts[2]}", lang, zone=zone)
        return t("passport.field.zone", lang, zone=zone)
    if len(parts) == 1 and parts[0] in _PLAIN_FIELDS:
        return t(f"dashboards.field.{parts[0]}", lang)
    return field


def value_text(field: str, value: Any, lang: str) -> str:
    """A recorded value as people read it: names of stages and sectors, dd.mm.yyyy, ₸."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    try:
        if field in _VOCABULARY:
            return label(_VOCABULARY[field](value), lang)
        if field in _MONEY:
            return fmt_money(Decimal(str(value)), lang)
        if field in _DATES or field.startswith("stage_dates.") or field.endswith(".assessed_on"):
            return fmt_date(value)
        if field.startswith(("passport.", "passport_zones.")) and field.endswith((".current", ".target")):
            return PassportState(value).code
        if field in ("measures", "measures_done") or field.endswith((".measures", ".measures_done")):
            return ", ".join(label(Measure(m), lang) for m in value)
    except (ValueError, InvalidOperation, TypeError):
        pass  # an old or odd value: show it as stored rather than hide it
    if isinstance(value, bool):
        return t("dashboards.yes" if value else "dashboards.no", lang)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return fmt_number(value, lang, 5)
    return str(value)


def who(record: FacilityRecord, name: str, lang: str) -> str:
    """Who made a change: their user name for staff and monitors; for the public, role and organisation."""
    if allowed(context.actor(), Action.VIEW_PERSONAL):
        return name
    author = record.author(name)
    role = t(f"app.author.{author.role.value}" if author.role else "app.author.system", lang)
    return f"{role} · {author.organisation}" if author.organisation else role


def history_table(
    record: FacilityRecord, lang: str, newest_first: bool = True, limit: int | None = None
) -> pd.DataFrame:
    """Who changed what and when, one row per changed field, dates dd.mm.yyyy HH:MM (Kazakhstan)."""
    changes = record.changes
    rows = [
        {
            t("dashboards.history.version", lang): c.version,
            t("dashboards.history.when", lang): c.local_time.strftime("%d.%m.%Y %H:%M"),
            t("dashboards.history.who", lang): who(record, c.actor, lang),
            t("dashboards.history.what", lang): field_label(c.field, lang),
            t("dashboards.history.old", lang): "" if c.field == CREATED else value_text(c.field, c.old, lang),
            t("dashboards.history.new", lang): "" if c.field == CREATED else value_text(c.field, c.new, lang),
            t("dashboards.history.comment", lang): c.comment or "",
        }
        for c in (reversed(changes) if newest_first else changes)
    ]
    if limit is not None:
        rows = rows[:limit]
    return pd.DataFrame(rows)


# --- the passport --------------------------------------------------------------------------


def state_text(state: PassportState | None, lang: str, short: bool = False) -> str:
    """``● ДП — fully accessible`` (symbol, Cyrillic code, words), or ``● ДП`` when ``short``."""
    if state is None:
        return "–"
    return f"{STATE_STYLE[state][0]} {state.code if short else label(state, lang)}"


def _state_cell_style(value: str) -> str:
    for symbol, colour in STATE_STYLE.values():
        if value.startswith(f"{symbol} "):
            return f"background-color: {colour}"
    return ""


def passport_table(
    passport: dict[DisabilityCategory, PassportEntry],
    lang: str,
    before: dict[DisabilityCategory, PassportEntry] | None = None,
):
    """Per category: (first recorded →) current → target, and whether the target is met.

    States show as symbol and code (``◕ ДЧ``) on a colour; :func:`passport_legend` names them.
    """
    rows = []
    for category in DisabilityCategory:
        entry = passport.get(category) or PassportEntry()
        row = {t("dashboards.passport.category", lang): label(category, lang)}
        if before is not None:
            first = before.get(category)
            row[t("dashboards.passport.before", lang)] = state_text(first.current if first else None, lang, True)
        meets = entry.meets_target
        row |= {
            t("dashboards.passport.current", lang): state_text(entry.current, lang, True),
            t("dashboards.passport.target", lang): state_text(entry.target, lang, True),
            t("dashboards.passport.meets", lang): "–"
            if meets is None
            else ("✓ " + t("dashboards.yes", lang) if meets else "✗ " + t("dashboards.no", lang)),
            t("dashboards.passport.assessed", lang): fmt_date(entry.assessed_on),
        }
        rows.append(row)
    return pd.DataFrame(rows).style.map(_state_cell_style)


def passport_legend(lang: str) -> str:
    return " · ".join(state_text(s, lang) for s in PassportState)


# --- the component -------------------------------------------------------------------------


def _facts(record: FacilityRecord, lang: str, today: date) -> list[str]:
    f = record.facility
    district = record.district
    place = f"{district.name(lang)} ({district.oblast(lang)})" if district else f.district_kato
    late = f.planned_completion is not None and f.planned_completion < today and f.stage.value not in NOT_LATE
    planned = fmt_date(f.planned_completion) + (f" — ⚠ {t('dashboards.details.overdue', lang)}" if late else "")
    facts = [
        (t("dashboards.field.sector", lang), label(f.sector, lang)),
        (t("dashboards.details.district", lang), md_escape(place)),
        (t("dashboards.field.address", lang), md_escape(f.address or "–")),
        (t("dashboards.field.ownership", lang), label(f.ownership, lang)),
        (t("dashboards.field.program_years", lang), ", ".join(str(y) for y in f.program_years)),
        (t("dashboards.field.stage", lang), f"**{label(f.stage, lang)}**"),
        (t("dashboards.field.planned_completion", lang), planned),
        (t("dashboards.field.actual_completion", lang), fmt_date(f.actual_completion)),
        (t("dashboards.field.budget_funding_source", lang), label(f.budget.funding_source, lang)),
        (t("dashboards.field.contractor", lang), md_escape(f.contractor or "–")),
    ]
    return [f"**{name}:** {value}" for name, value in facts]


def _stage_rows(f: Facility, lang: str) -> pd.DataFrame:
    shown = [s for s in Stage if s in f.stage_dates or s == f.stage or s in MAIN_LINE]
    rows = []
    for stage in shown:
        when = f.stage_dates.get(stage)
        mark = "▶" if stage == f.stage else ("✓" if when else "·")
        rows.append(
            {
                " ": mark,
                t("dashboards.field.stage", lang): label(stage, lang),
                t("dashboards.details.date", lang): fmt_date(when),
            }
        )
    return pd.DataFrame(rows)


def _money(f: Facility, lang: str) -> list[str]:
    b = f.budget
    unknown = t("editing.money_unknown", lang)
    lines = [
        f"**{t(f'overview.budget_{kind}', lang)}:** "
        + (unknown if getattr(b, kind) is None else fmt_money(getattr(b, kind), lang))
        for kind in ("planned", "allocated", "contracted", "spent")
    ]
    lines.append(f"**{t('overview.execution', lang)}:** {fmt_pct(b.execution, lang)}")
    if b.overrun:
        lines.append(f"⚠ {t('dashboards.field.budget_overrun', lang)}")
    return lines


def _measures(f: Facility, lang: str) -> str:
    done = set(f.measures_done)
    items = [f"{'✓' if m in done else '○'} {label(m, lang)}" for m in f.measures]
    head = t(
        "dashboards.details.measures",
        lang,
        done=fmt_int(len(done & set(f.measures)), lang),
        planned=fmt_int(len(f.measures), lang),
    )
    return f"**{head}** " + (" · ".join(items) if items else "–")


def render_facility_details(
    facility_id: int,
    lang: str,
    *,
    link: bool = True,
    history: bool = True,
    passport: bool = True,
    heading: bool = True,
    history_rows: int = 6,
    today: date | None = None,
) -> None:
    """Show one object: what and where, stage dates, money, measures, passport, recent changes.

    Unknown or invalid ids give a message in ``lang``, never an exception. ``link`` adds a
    link to the object's own page; ``history`` the latest ``history_rows`` changes; ``passport``
    the passport per category; ``heading`` the object's name as a subheader. The object page
    turns the last three off and shows them in full itself.
    """
    key = parse_id(facility_id)
    record = data.facility_record(key) if key is not None else None
    if record is None:
        st.warning(t("dashboards.details.not_found", lang, id=md_escape(str(facility_id)[:40])))
        return
    f = record.facility
    today = today or calendar.today()
    if heading:
        st.subheader(md_escape(facility_name(f, lang)))
    if f.demo:
        st.caption(f"⚠ {t('dashboards.details.demo', lang)}")
    left, right = st.columns([3, 2])
    with left:
        st.markdown("  \n".join(_facts(record, lang, today)))
        st.markdown(_measures(f, lang))
    with right:
        st.markdown("  \n".join(_money(f, lang)))
        st.dataframe(_stage_rows(f, lang), hide_index=True, width="stretch")
    if passport:
        st.markdown(f"**{t('dashboards.passport.title', lang)}**")
        st.dataframe(passport_table(f.passport, lang), hide_index=True, width="stretch")
        st.caption(passport_legend(lang))
    if history:
        st.markdown(f"**{t('dashboards.history.title', lang)}**")
        st.dataframe(history_table(record, lang, limit=history_rows), hide_index=True, width="stretch")
    st.caption(
        t(
            "dashboards.details.source",
            lang,
            version=record.version,
            when=record.updated_at.strftime("%d.%m.%Y"),
            who=md_escape(who(record, record.updated_by, lang)),
        )
    )
    if link:
        page_link("object", t("dashboards.details.open_page", lang), lang, icon=":material/open_in_new:", id=f.id)
