"""Downloads: records, district summaries, open data, the printable district report, the map."""

import streamlit as st

from tracker.domain import calendar
from tracker.domain.errors import TrackerError
from tracker.i18n import fmt_date, fmt_int, t
from tracker.i18n.errors import error_message
from tracker.services import exports
from tracker.ui import context, data
from tracker.ui.markdown import md_escape

#: The formats the service offers, in the order a person at a desk most often wants them.
_PREFERRED = ("xlsx", "pdf", "csv", "html", "geojson")
FORMATS = {what: tuple(sorted(offered, key=_PREFERRED.index)) for what, offered in exports.FORMATS.items()}
RESULT_KEY = "_io_export"


def _make(what: str, fmt: str, lang: str, scope: exports.Scope, by_district: bool, delimiter: str) -> exports.Export:
    db, actor = context.database(), context.actor()
    if what in exports.TABLE_KINDS:
        return exports.export_table(db, what, fmt, lang, scope, by_district, actor=actor, delimiter=delimiter)
    if what == "districts":
        return exports.export_districts(db, fmt, lang, scope, actor=actor, delimiter=delimiter)
    if what == "opendata":
        return exports.export_opendata(db, scope, actor=actor)
    if what == "report":
        return exports.export_report(db, scope.district, fmt, lang, scope, actor=actor)
    return exports.export_map(db, lang, scope, actor=actor)


def render() -> None:
    lang = context.language()
    st.title(t("io.ui.export_title", lang))
    st.caption(t("io.ui.export_help", lang))
    what = st.selectbox(
        t("io.ui.what", lang),
        list(FORMATS),
        format_func=lambda w: t(f"io.ui.what_{w}", lang),
        key=f"io_export_what_{lang}",
    )
    cols = st.columns(3)
    fmt = cols[0].selectbox(
        t("io.ui.format_label", lang), FORMATS[what], format_func=str.upper, key=f"io_export_fmt_{what}_{lang}"
    )
    districts = data.districts()
    names = {
        k: f"{n} ({o})" for k, n, o in zip(districts["kato"], districts[f"name_{lang}"], districts[f"oblast_{lang}"])
    }
    options = ([] if what == "report" else [""]) + sorted(names, key=lambda k: names[k])
    default = options.index("196200000") if what == "report" and "196200000" in options else 0
    district = cols[1].selectbox(
        t("io.ui.district", lang),
        options,
        index=default,
        format_func=lambda k: names.get(k, t("io.ui.all_districts", lang)),
        key=f"io_export_district_{what == 'report'}_{lang}",
    )
    past = cols[2].checkbox(t("io.ui.as_of_past", lang), key="io_export_past")
    as_of = None
    if past:
        as_of = cols[2].date_input(
            t("io.ui.as_of_date", lang),
            value=calendar.today(),
            max_value=calendar.today(),
            format="DD.MM.YYYY",
            key="io_export_date",
        )
    by_district = False
    if fmt == "xlsx" and what in exports.TABLE_KINDS:
        by_district = st.checkbox(t("io.ui.by_district", lang), key="io_export_by_district")
    delimiter = ","
    if fmt == "csv":
        # Excel in Kazakh and Russian settings splits CSV on ";" and reads decimal commas.
        delimiter = st.radio(
            t("io.ui.csv_dialect", lang),
            [";", ","],
            index=0 if lang in ("kk", "ru") else 1,
            format_func=lambda d: t("io.ui.csv_semicolon" if d == ";" else "io.ui.csv_comma", lang),
            key="io_export_delimiter",
        )
    # A prepared file is offered only while the choices it was made from are still on screen.
    choice = (what, fmt, lang, district, as_of, by_district, delimiter)
    if st.button(t("io.ui.prepare", lang), type="primary", key="io_export_go"):
        scope = exports.Scope(as_of, district or None)
        with st.spinner(t("io.ui.preparing", lang)):
            try:
                result = _make(what, fmt, lang, scope, by_district, delimiter)
            except TrackerError as exc:
                st.error(t("io.ui.failed", lang, detail=md_escape(error_message(exc, lang))))
                return
        st.session_state[RESULT_KEY] = (choice, result)
    prepared = st.session_state.get(RESULT_KEY)
    if prepared is None or prepared[0] != choice:
        return
    result: exports.Export = prepared[1]
    st.success(t("io.ui.prepared", lang, file=result.filename, rows=fmt_int(result.rows, lang)))
    if result.demo_rows:
        st.warning(t("io.ui.export_demo", lang, rows=fmt_int(result.demo_rows, lang)), icon="⚠️")
    st.download_button(
        t("io.ui.download", lang), result.data, file_name=result.filename, mime=result.mime, key="io_export_download"
    )
    st.caption(t("io.ui.export_source", lang, date=fmt_date(calendar.today())))
