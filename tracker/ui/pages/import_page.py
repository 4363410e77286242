"""Import: upload a spreadsheet, check its encoding and columns, read the dry run, confirm."""

import hashlib

import pandas as pd
import streamlit as st

from tracker.config import get_settings
from tracker.domain.errors import ConflictError, PermissionDenied, TrackerError
from tracker.i18n import fmt_int, t
from tracker.i18n.errors import error_message
from tracker.io.columns import COLUMNS, KINDS
from tracker.io.import_report import reading, summary_lines
from tracker.io.problems import FileProblem
from tracker.io.readers import Limits
from tracker.services.imports import ImportPlan, actions, apply_import, plan_import, report_xlsx
from tracker.services.templates import import_template
from tracker.ui import context
from tracker.ui.markdown import md_escape

PLAN_KEY = "_io_plan"
DONE_KEY = "_io_done"
NONE = "—"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _limits() -> Limits:
    settings = get_settings()
    return Limits(settings.import_max_mb * 1024 * 1024, settings.import_max_rows)


def _mapping(digest: str, kind: str, headers: list[str]) -> dict[str, str]:
    """The mapping chosen in the mapping step for this file (column key → header, "" for none)."""
    chosen = {}
    for column in COLUMNS[kind]:
        value = st.session_state.get(f"io_map_{digest}_{kind}_{column.key}")
        if value == NONE:
            chosen[column.key] = ""
        elif value in headers:
            chosen[column.key] = value
    return chosen


def _confirmed(digest: str) -> dict[str, str]:
    """District names whose guessed match the user ticked: name → KATO."""
    prefix = f"io_ok_{digest}_"
    return {
        k.removeprefix(prefix): st.session_state.get(f"io_target_{digest}_{k.removeprefix(prefix)}")
        for k, ok in list(st.session_state.items())
        if isinstance(k, str) and k.startswith(prefix) and ok
    }


def _plan(lang: str, kind: str, name: str, data: bytes, digest: str) -> ImportPlan | None:
    cached = st.session_state.get(PLAN_KEY)
    headers = cached[1].table.headers if cached and cached[0][0] == digest else []
    mapping = _mapping(digest, kind, headers)
    confirmed = {k: v for k, v in _confirmed(digest).items() if v}
    signature = (digest, kind, tuple(sorted(mapping.items())), tuple(sorted(confirmed.items())))
    if cached and cached[0] == signature:
        return cached[1]
    bar = st.progress(0.0, text=t("io.ui.checking", lang))
    try:
        plan = plan_import(
            context.database(),
            context.actor(),
            name,
            data,
            kind,
            mapping=mapping or None,
            confirmed=confirmed,
            limits=_limits(),
            boundaries=context.boundaries(),
            progress=lambda done, total: bar.progress(done / max(total, 1), text=t("io.ui.checking", lang)),
        )
    except FileProblem as exc:
        st.error(md_escape(exc.message(lang)))
        st.session_state.pop(PLAN_KEY, None)
        return None
    finally:
        bar.empty()
    st.session_state[PLAN_KEY] = (signature, plan)
    return plan


def _file_summary(plan: ImportPlan, lang: str) -> None:
    table = plan.table
    st.subheader(t("io.ui.file", lang))
    encoding = table.decoded.encoding if table.decoded else None
    names = {
        "utf-8": "UTF-8",
        "utf-8-sig": t("io.ui.utf8_bom", lang),
        "utf-16": "UTF-16",
        "kz1048": "KZ-1048",
        "cp1251": "Windows-1251",
    }
    line = t("io.ui.format", lang, format=table.format.upper(), rows=fmt_int(len(table.rows), lang))
    if table.header_row:
        line += " · " + (
            t("io.ui.header_used_rows", lang, row=table.header_row, rows=table.header_rows)
            if table.header_rows > 1
            else t("io.ui.header_used", lang, row=table.header_row)
        )
    if encoding:
        line += " · " + t("io.ui.encoding", lang, encoding=names.get(encoding, encoding))
    st.write(line)
    if table.decoded is not None and table.decoded.legacy:
        if table.decoded.encoding == "kz1048":
            st.warning(t("io.ui.legacy_kz1048", lang, letters=", ".join(table.decoded.evidence)))
        else:
            st.warning(t("io.ui.legacy_cp1251", lang))
    for sheet in table.skipped_sheets:
        st.caption(t("io.ui.sheet_skipped", lang, sheet=sheet))
    st.caption(t("io.ui.preview", lang))
    preview = (
        pd.DataFrame(
            [[("" if v is None else str(v)) for v in row] for row in table.preview()],
            columns=[h or f"#{i + 1}" for i, h in enumerate(table.headers)],
        )
        if table.headers
        else pd.DataFrame()
    )
    st.dataframe(preview, hide_index=True, width="stretch")


def _mapping_step(plan: ImportPlan, lang: str, digest: str) -> None:
    headers = [h for h in plan.table.headers if h]
    with st.expander(t("io.ui.mapping", lang), expanded=bool(plan.missing)):
        st.caption(t("io.ui.mapping_help", lang))
        cols = st.columns(3)
        for i, column in enumerate(COLUMNS[plan.kind]):
            current = plan.table.headers[plan.mapping[column.key]] if column.key in plan.mapping else NONE
            options = [NONE] + headers
            mark = " *" if column.required else ""
            cols[i % 3].selectbox(
                column.title(lang) + mark,
                options,
                index=options.index(current) if current in options else 0,
                key=f"io_map_{digest}_{plan.kind}_{column.key}",
            )
        unmapped = plan.unmapped_headers
        if unmapped:
            st.caption(t("io.ui.unmapped", lang, columns=", ".join(unmapped)))


def _guesses(plan: ImportPlan, lang: str, digest: str) -> None:
    seen = {}
    for problem in plan.guesses:
        seen.setdefault(problem.value, problem)
    if not seen:
        return
    st.subheader(t("io.ui.confirm_title", lang))
    for value, problem in seen.items():
        st.session_state[f"io_target_{digest}_{value}"] = problem.params["kato"]
        st.checkbox(
            t("io.ui.confirm_guess", lang, value=value, guess=problem.params["guess"][lang]),
            key=f"io_ok_{digest}_{value}",
        )


def _report(plan: ImportPlan, lang: str) -> None:
    st.subheader(t("io.ui.dry_run", lang))
    cols = st.columns(6)
    cols[0].metric(t("io.ui.new", lang), fmt_int(plan.count("create"), lang))
    cols[1].metric(t("io.ui.updated", lang), fmt_int(plan.count("update"), lang))
    cols[2].metric(t("io.ui.unchanged", lang), fmt_int(plan.count("unchanged"), lang))
    cols[3].metric(t("io.ui.skipped", lang), fmt_int(sum(1 for r in plan.rows if r.skipped), lang))
    cols[4].metric(t("io.ui.errors", lang), fmt_int(len(plan.errors), lang))
    approximate = sum(1 for r in plan.rows if r.model is not None and r.precision.value != "exact")
    cols[5].metric(t("io.ui.approximate", lang), fmt_int(approximate, lang))
    with st.expander(t("io.import_report.summary", lang)):
        lines = summary_lines(plan.table, plan.rows, actions(plan), lang)
        st.dataframe(
            pd.DataFrame(lines, columns=[t("io.import_report.summary", lang), t("io.import_report.col_count", lang)]),
            hide_index=True,
            width="stretch",
        )
    if plan.problems:
        frame = pd.DataFrame(
            {
                t("io.ui.col_severity", lang): [t(f"io.ui.severity_{p.severity.value}", lang) for p in plan.problems],
                t("io.ui.col_row", lang): [p.row or "–" for p in plan.problems],
                t("io.ui.col_column", lang): [p.column or "–" for p in plan.problems],
                t("io.ui.col_value", lang): [p.value or "" for p in plan.problems],
                t("io.ui.col_problem", lang): [p.message(lang) for p in plan.problems],
            }
        )
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            column_config={
                t("io.ui.col_severity", lang): st.column_config.TextColumn(width="small"),
                t("io.ui.col_row", lang): st.column_config.TextColumn(width="small"),
                t("io.ui.col_column", lang): st.column_config.TextColumn(width="small"),
                t("io.ui.col_value", lang): st.column_config.TextColumn(width="small"),
                t("io.ui.col_problem", lang): st.column_config.TextColumn(width="large"),
            },
        )
    if plan.mappings:
        with st.expander(t("io.ui.readings", lang)):
            st.dataframe(
                pd.DataFrame(
                    [
                        (header, written, reading(value, lang), count)
                        for (header, written), (value, count) in sorted(plan.mappings.items(), key=lambda i: i[0])
                    ],
                    columns=[t(f"io.import_report.col_{k}", lang) for k in ("column", "written", "read_as", "count")],
                ),
                hide_index=True,
                width="stretch",
            )
    if plan.rows:
        st.download_button(
            t("io.ui.report_download", lang),
            data=report_xlsx(plan, lang),
            file_name=f"report_{plan.filename.rsplit('.', 1)[0]}.xlsx",
            mime=XLSX,
            key="io_report_download",
        )
    if plan.ok:
        st.success(t("io.ui.ready", lang))
    elif plan.errors or plan.missing:
        st.error(t("io.ui.blocked", lang))
    elif plan.guesses:
        st.warning(t("io.ui.needs_confirmation", lang))


def _apply(plan: ImportPlan, lang: str) -> None:
    if not st.button(t("io.ui.import", lang), type="primary", disabled=not plan.ok, key="io_apply"):
        return
    bar = st.progress(0.0, text=t("io.ui.writing", lang))
    try:
        result = apply_import(
            context.database(),
            context.actor(),
            plan,
            progress=lambda done, total: bar.progress(done / max(total, 1), text=t("io.ui.writing", lang)),
        )
    except ConflictError:
        st.error(t("io.ui.conflict", lang))
        return
    except PermissionDenied:
        st.error(t("io.ui.refused", lang))
        return
    except TrackerError as exc:
        st.error(t("io.ui.failed", lang, detail=md_escape(error_message(exc, lang))))
        return
    finally:
        bar.empty()
    st.cache_data.clear()
    st.session_state.pop(PLAN_KEY, None)
    st.session_state[DONE_KEY] = t(
        "io.ui.done",
        lang,
        file=plan.filename,
        new=fmt_int(result.created, lang),
        updated=fmt_int(result.updated, lang),
        unchanged=fmt_int(result.unchanged, lang),
    )
    st.rerun()


def render() -> None:
    lang = context.language()
    st.title(t("io.ui.import_title", lang))
    actor = context.actor()
    if not actor.signed_in:
        st.info(t("io.ui.sign_in", lang))
        return
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done)
    st.caption(
        t(
            "io.ui.import_help",
            lang,
            mb=get_settings().import_max_mb,
            rows=fmt_int(get_settings().import_max_rows, lang),
        )
    )
    template = st.session_state.get(f"_io_template_{lang}")
    if template is None:
        template = st.session_state[f"_io_template_{lang}"] = import_template(context.database(), actor, lang)
    st.download_button(
        t("io.ui.template", lang),
        data=template,
        file_name=f"tracker_template_{lang}.xlsx",
        mime=XLSX,
        help=t("io.ui.template_help", lang),
        key="io_template",
    )
    kind = st.radio(
        t("io.ui.kind", lang),
        KINDS,
        format_func=lambda k: t(f"io.export.kind_{k}", lang),
        horizontal=True,
        key="io_kind",
    )
    upload = st.file_uploader(
        t("io.ui.upload", lang), type=["xlsx", "csv", "txt", "geojson", "json", "gpkg"], key="io_file"
    )
    if upload is None:
        return
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()[:16]
    plan = _plan(lang, kind, upload.name, data, digest)
    if plan is None:
        return
    _file_summary(plan, lang)
    _mapping_step(plan, lang, digest)
    _guesses(plan, lang, digest)
    _report(plan, lang)
    _apply(plan, lang)
