"""The printable audit act: one A4 page of a submitted site audit an NGO attaches to a letter.

Built from the stored visit alone: the object, the date, the assessor's organisation (a person's
name only when the assessor asks for it), the checklist version, every answer per zone with its
unit, limit and clause, photo thumbnails embedded, the conclusion and every reason with its
clause or "to confirm". Every user string is escaped; WeasyPrint turns the page into the PDF.
"""

import base64
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape

from tracker.domain import District, Facility
from tracker.domain.calendar import KZ_TIME
from tracker.domain.checklist import NO, NOT_APPLICABLE, YES, by_version, clean_answers, evaluate
from tracker.domain.passport import Zone
from tracker.domain.visit import SiteAudit
from tracker.i18n import display_name, fmt_date, t
from tracker.i18n.audit import amount, limit_text, reason_text, state_line, unit_text

CSS = """
@page { size: A4; margin: 10mm 11mm 12mm 11mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 7pt; color: #666; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #1d2733; margin: 0; }
h1 { font-size: 13pt; margin: 0 0 1mm 0; } h2 { font-size: 9.5pt; margin: 3mm 0 1mm 0;
     border-bottom: 1px solid #9fb1c4; padding-bottom: 0.5mm; page-break-after: avoid; }
.sub { color: #51606f; margin-bottom: 2mm; }
.demo { background: #fff3cd; border: 1px solid #e0b84c; padding: 1mm 2mm; margin: 1mm 0; }
dl { display: grid; grid-template-columns: 48mm 1fr; gap: 0.4mm 2mm; margin: 0; }
dt { color: #51606f; } dd { margin: 0; }
.verdict { font-size: 11pt; font-weight: bold; margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; font-size: 7pt; }
th, td { border: 1px solid #c9d4df; padding: 0.3mm 1mm; text-align: left; vertical-align: top; }
th { background: #e8eef4; font-weight: normal; color: #51606f; }
td.num { white-space: nowrap; } tr { page-break-inside: avoid; }
tr.zone td { background: #e8eef4; font-weight: bold; }
.answers { columns: 2; column-gap: 3mm; }
.answers table { break-inside: avoid; margin-bottom: 1.5mm; table-layout: fixed; }
.answers col.q { width: 55%; } .answers col.a { width: 17%; } .answers td.num { white-space: normal; }
ul.reasons { margin: 0; padding-left: 4mm; font-size: 7pt; } ul.reasons li { margin-bottom: 0.2mm; }
.photos { display: flex; flex-wrap: wrap; gap: 1.5mm; }
figure { margin: 0; width: 26mm; }
figure img { width: 26mm; height: 19mm; object-fit: cover; border: 1px solid #c9d4df; }
figcaption { font-size: 6pt; color: #51606f; overflow-wrap: anywhere; }
.note { color: #51606f; font-size: 6.5pt; }
.sign { margin-top: 4mm; display: flex; gap: 12mm; }
.sign div { flex: 1; border-top: 1px solid #1d2733; padding-top: 0.5mm; }
@media screen { body { max-width: 190mm; margin: 6mm auto; } }
"""


@dataclass(frozen=True)
class ActPhoto:
    """A photo of the audit: its thumbnail (JPEG) and the person's file name, shown as text."""

    filename: str
    thumbnail: bytes
    zone: Zone | None = None


@dataclass(frozen=True)
class ActData:
    visit_id: int
    facility: Facility
    district: District | None
    visited_on: date
    organisation: str
    audit: SiteAudit
    generated_at: datetime
    comment: str | None = None
    photos: list[ActPhoto] = field(default_factory=list)
    #: The assessor's own name, only when they chose to put it on the act.
    assessor: str | None = None
    demo: bool = False


def _answer(value, unit: str | None, lang: str) -> str:
    if value == YES:
        return t("audit.page.answer_yes", lang)
    if value == NO:
        return t("audit.page.answer_no", lang)
    if value == NOT_APPLICABLE:
        return t("audit.page.answer_na", lang)
    return amount(value, unit, lang)


def _head(data: ActData, lang: str) -> list[str]:
    f, d = data.facility, data.district
    rows = [
        (t("auditact.object", lang), display_name(f, lang)),
        (t("auditact.address", lang), f.address or "–"),
        (t("auditact.district", lang), f"{d.name(lang)}, {d.oblast(lang)}" if d is not None else "–"),
        (t("auditact.kato", lang), f.district_kato),
        (t("auditact.date", lang), fmt_date(data.visited_on)),
        (t("auditact.organisation", lang), data.organisation),
    ]
    if data.assessor:
        rows.append((t("auditact.assessor", lang), data.assessor))
    rows.append((t("auditact.checklist", lang), data.audit.checklist_version))
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    out = [
        f"<h1>{escape(t('auditact.title', lang, number=data.visit_id))}</h1>",
        f'<div class="sub">{escape(t("auditact.subtitle", lang))}</div>',
    ]
    if data.demo or f.demo:
        out.append(f'<div class="demo">{escape(t("auditact.demo", lang))}</div>')
    return out + [f"<dl>{items}</dl>"]


def _answers(data: ActData, checklist, answers, lang: str) -> list[str]:
    """Per zone a small table (question with unit, answer, limit), two columns of zones on the page."""
    keys = ("auditact.question", "auditact.answer", "auditact.limit")
    head = "<tr>" + "".join(f"<th>{escape(t(k, lang))}</th>" for k in keys) + "</tr>"
    blocks, skipped = [], 0
    for zone, questions in checklist.zones.items():
        given = answers.get(zone, {})
        asked = [q for q in questions if q.id in given]
        skipped += len(questions) - len(asked)
        if not asked:
            continue
        rows = [f'<tr class="zone"><td colspan="3">{escape(t(f"visits.zone.{zone.value}", lang))}</td></tr>', head]
        for q in asked:
            unit = f", {unit_text(q.unit, lang)}" if q.unit else ""
            limit = limit_text(q, lang) if q.kind == "measure" and not q.rule.input else "–"
            rows.append(
                f"<tr><td>{escape(q.text(lang) + unit)}</td>"
                f'<td class="num">{escape(_answer(given[q.id], q.unit, lang))}</td>'
                f'<td class="num">{escape(limit)}</td></tr>'
            )
        blocks.append(f'<table><col class="q"><col class="a"><col>{"".join(rows)}</table>')
    out = [f"<h2>{escape(t('auditact.answers', lang))}</h2>", f'<div class="answers">{"".join(blocks)}</div>']
    if skipped:
        out.append(f'<div class="note">{escape(t("auditact.not_answered", lang, n=skipped))}</div>')
    return out


def _verdict(checklist, verdict, lang: str) -> list[str]:
    conclusion = verdict.conclusion or "–"
    reasons = "".join(f"<li>{escape(reason_text(checklist, r, lang))}</li>" for r in verdict.reasons)
    return [
        f"<h2>{escape(t('auditact.verdict', lang))}</h2>",
        f'<div class="verdict">{escape(t("auditact.conclusion", lang, conclusion=conclusion))}</div>',
        f"<div>{escape(state_line(verdict.states, lang))}</div>",
        f"<h2>{escape(t('auditact.reasons', lang, n=len(verdict.reasons)))}</h2>",
        f'<ul class="reasons">{reasons}</ul>' if reasons else f"<div>{escape(t('auditact.no_reasons', lang))}</div>",
    ]


def _photos(data: ActData, lang: str) -> list[str]:
    if not data.photos:
        return []
    figures = []
    for photo in data.photos:
        src = "data:image/jpeg;base64," + base64.b64encode(photo.thumbnail).decode("ascii")
        where = f"{t(f'visits.zone.{photo.zone.value}', lang)} · " if photo.zone else ""
        figures.append(
            f'<figure><img src="{src}" alt="{escape(photo.filename)}">'
            f"<figcaption>{escape(where + photo.filename)}</figcaption></figure>"
        )
    return [
        f"<h2>{escape(t('auditact.photos', lang, n=len(data.photos)))}</h2>",
        f'<div class="photos">{"".join(figures)}</div>',
    ]


def render_act(data: ActData, lang: str) -> str:
    """The act as one standalone HTML page (print CSS for A4); every user string escaped."""
    checklist = by_version(data.audit.checklist_version)
    answers = clean_answers(checklist, data.audit.answers)
    verdict = evaluate(checklist, answers)
    parts = _head(data, lang) + _verdict(checklist, verdict, lang) + _answers(data, checklist, answers, lang)
    if data.comment:
        parts += [f"<h2>{escape(t('auditact.comment', lang))}</h2>", f"<div>{escape(data.comment)}</div>"]
    parts += _photos(data, lang)
    at = data.generated_at.astimezone(KZ_TIME).strftime("%d.%m.%Y %H:%M")
    parts += [
        f'<div class="note">{escape(t("audit.rule_note", lang))}</div>',
        f'<div class="note">{escape(t("auditact.generated", lang, at=at))}</div>',
        '<div class="sign">'
        f"<div>{escape(t('auditact.signature', lang))}</div><div>{escape(t('auditact.stamp', lang))}</div></div>",
    ]
    title = escape(t("auditact.title", lang, number=data.visit_id))
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
        f"<style>{CSS}</style></head><body>{''.join(parts)}</body></html>"
    )
