"""The printable district report: KPIs, the district map, charts, tables and the data's sources.

One HTML page (every user string escaped) that prints well and that WeasyPrint turns into the
PDF. Figures come with their source; demo data and estimates are labelled.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape

import shapely

from tracker.domain import District, Facility, InvataxiReport, RehabCenter
from tracker.domain.calendar import KZ_TIME
from tracker.domain.enums import DisabilityCategory, PassportState, Stage
from tracker.domain.invataxi_eligible import ELIGIBLE_SHARE, eligible_people
from tracker.domain.money import budget_totals
from tracker.domain.passport import object_class
from tracker.i18n import (
    fmt_date,
    fmt_figure,
    fmt_int,
    fmt_mln,
    fmt_money,
    fmt_number,
    fmt_pct,
    label,
    source_text,
    t,
)
from tracker.io import svg
from tracker.io.method import method_sections
from tracker.maps.palette import STAGE_COLOURS

PASSPORT_COLOURS = {
    PassportState.FULL: "#009E73",
    PassportState.PARTIAL: "#56B4E9",
    PassportState.CONDITIONAL: "#E69F00",
    PassportState.NONE: "#D55E00",
}
DONE = (Stage.COMPLETED, Stage.ACCEPTED)

CSS = """
@page { size: A4; margin: 14mm 12mm 16mm 12mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #666; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #1d2733; margin: 0; }
h3 { font-size: 10pt; margin: 3mm 0 1mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm 0; } h2 { font-size: 12pt; margin: 6mm 0 2mm 0;
     border-bottom: 1px solid #9fb1c4; padding-bottom: 1mm; page-break-after: avoid; }
.sub { color: #51606f; margin-bottom: 3mm; }
.demo { background: #fff3cd; border: 1px solid #e0b84c; padding: 2mm 3mm; margin: 2mm 0; }
.kpis { display: flex; flex-wrap: wrap; gap: 2mm; }
.kpi { border: 1px solid #c9d4df; border-radius: 2mm; padding: 2mm 3mm; width: 38mm; }
.kpi b { display: block; font-size: 13pt; } .kpi span { color: #51606f; font-size: 8pt; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
th, td { border: 1px solid #c9d4df; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #e8eef4; } td.num { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; }
.swatch { display: inline-block; margin-right: 4mm; font-size: 8pt; }
.swatch span { display: inline-block; width: 3mm; height: 3mm; border: 1px solid #333; margin-right: 1mm; }
.sources li { margin-bottom: 1mm; } .note { color: #51606f; font-size: 8pt; }
"""


@dataclass
class ReportData:
    district: District
    facilities: list[Facility]
    rehab: list[RehabCenter]
    invataxi: list[InvataxiReport]
    geometry: shapely.Geometry | None
    approximate: bool
    boundary_source: str
    as_of: date | None
    generated_at: datetime
    data_version: int | None = None
    extra_sources: list[str] = field(default_factory=list)
    #: Settings the method section names (``norm_per_1000``, ``eligible_share``, ``reach_km``).
    method: dict[str, float] = field(default_factory=dict)


def _kpi(value: str, caption: str) -> str:
    return f'<div class="kpi"><b>{escape(value)}</b><span>{escape(caption)}</span></div>'


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{escape(c)}</td>' if i in numeric else f"<td>{escape(c)}</td>" for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _month(month: str) -> str:
    """ "2025-10" as people write it: 10.2025."""
    year, mon = month.split("-")
    return f"{mon}.{year}"


def _figure(figure, lang: str) -> str | None:
    if figure is None:
        return None
    estimate = f" ({t('io.report.estimate', lang)})" if figure.estimate else ""
    value = fmt_figure(figure.value, figure.estimate, lang)
    return f"{value} — {source_text(figure.source, lang)}, {figure.year}{estimate}"


def render_report(data: ReportData, lang: str) -> str:
    """The whole report as one HTML document."""
    d, objs = data.district, data.facilities
    name = f"{d.name(lang)} ({d.oblast(lang)})"
    when = fmt_date(data.as_of) if data.as_of else fmt_date(data.generated_at)
    demo = any(f.demo for f in objs) or any(r.demo for r in data.rehab) or any(r.demo for r in data.invataxi)
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{escape(t('io.report.title', lang, district=name))}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(t('io.report.title', lang, district=name))}</h1>",
        f'<div class="sub">{escape(t("io.report.as_of", lang, date=when))} · KATO {escape(d.kato)}</div>',
    ]
    if demo:
        parts.append(f'<div class="demo">{escape(t("io.report.demo_note", lang))}</div>')
    parts += _kpis(data, lang)
    parts.append(f"<h2>{escape(t('io.report.map', lang))}</h2>")
    points = [(f.lat, f.lon, STAGE_COLOURS[f.stage]) for f in objs]
    parts.append(svg.district_map(data.geometry, points, dashed=data.approximate))
    present = [s for s in Stage if any(f.stage == s for f in objs)]
    parts.append("<div>" + svg.legend([(label(s, lang), STAGE_COLOURS[s]) for s in present]) + "</div>")
    if data.approximate:
        parts.append(f'<div class="note">{escape(t("io.report.approximate", lang))}</div>')
    parts += _charts(data, lang)
    parts += _tables(data, lang)
    parts += _sources(data, lang, when)
    parts += _method(data, lang)
    parts.append("</body></html>")
    return "".join(parts)


def _execution_caption(unknown: int, lang: str) -> str:
    """«Execution», and how many objects it leaves out for want of an amount."""
    caption = t("io.report.kpi_execution", lang)
    return f"{caption} · {t('io.report.kpi_unknown', lang, n=fmt_int(unknown, lang))}" if unknown else caption


def _per_eligible_kpi(data: ReportData, vehicles: int, lang: str) -> list[str]:
    """Vehicles per 1,000 people eligible for Invataxi, saying whether the base is counted or estimated."""
    share = data.method.get("eligible_share", ELIGIBLE_SHARE)
    eligible = eligible_people(data.district, share)
    if eligible is None or not eligible.value:
        return []
    if data.district.invataxi_eligible is None:
        base = t("io.report.kpi_eligible_share", lang, share=fmt_number(share * 100, lang, 1))
    elif eligible.estimate:
        base = t("io.report.estimate", lang)
    else:
        base = t("io.report.kpi_eligible_counted", lang)
    people = f"{fmt_figure(eligible.value, eligible.estimate, lang)}; {base}"
    per = vehicles / eligible.value * 1000
    return [_kpi(fmt_number(per, lang, 1), t("io.report.kpi_per_1000_eligible", lang, eligible=people))]


def _kpis(data: ReportData, lang: str) -> list[str]:
    objs = data.facilities
    done = sum(1 for f in objs if f.stage in DONE)
    money = budget_totals(f.budget for f in objs)
    wheel = [f.passport.get(DisabilityCategory.WHEELCHAIR) for f in objs]
    assessed = [e for e in wheel if e is not None and e.current is not None]
    accessible = sum(1 for e in assessed if e.current == PassportState.FULL)
    latest = max((r.month for r in data.invataxi), default=None)
    vehicles = sum(r.vehicles for r in data.invataxi if r.month == latest)
    kpis = [
        _kpi(fmt_int(len(objs), lang), t("io.report.kpi_objects", lang)),
        _kpi(
            f"{fmt_int(done, lang)} · {fmt_pct(done / len(objs) if objs else None, lang)}",
            t("io.report.kpi_done", lang),
        ),
        _kpi(fmt_mln(money.planned, lang), t("io.report.kpi_planned", lang)),
        _kpi(fmt_mln(money.allocated, lang), t("io.report.kpi_allocated", lang)),
        _kpi(fmt_mln(money.spent, lang), t("io.report.kpi_spent", lang)),
        _kpi(fmt_pct(money.execution, lang), _execution_caption(money.unknown, lang)),
        _kpi(fmt_pct(accessible / len(assessed) if assessed else None, lang), t("io.report.kpi_wheelchair", lang)),
        *_passport_kpis(objs, lang),
        _kpi(
            f"{fmt_int(len(data.rehab), lang)} · {fmt_int(sum(r.places or 0 for r in data.rehab), lang)}",
            t("io.report.kpi_rehab", lang),
        ),
        _kpi(
            fmt_int(vehicles, lang) if latest else "–",
            t("io.report.kpi_vehicles", lang, month=_month(latest) if latest else "–"),
        ),
    ]
    if latest:
        kpis += _per_eligible_kpi(data, vehicles, lang)
    definitions = " ".join(t(f"passport.count.{k}_def", lang) for k in ("full", "partly", "not_accessible"))
    return [
        f"<h2>{escape(t('io.report.kpis', lang))}</h2>",
        '<div class="kpis">',
        *kpis,
        "</div>",
        f'<div class="note">{escape(definitions)} {escape(t("passport.count.source", lang))}</div>',
    ]


def _passport_kpis(objs: list[Facility], lang: str) -> list[str]:
    """Adapted (ДП-В) beside partly accessible (ДЧ, ДУ): counted apart, as the ministry counts."""
    classes = Counter(
        object_class((e.current if (e := f.passport.get(c)) else None) for c in DisabilityCategory) for f in objs
    )
    assessed = len(objs) - classes["not_assessed"]
    return [
        _kpi(
            f"{fmt_int(classes[kind], lang)} · {fmt_pct(classes[kind] / assessed if assessed else None, lang)}",
            t(f"passport.count.{kind}", lang),
        )
        for kind in ("full", "partly")
    ]


def _charts(data: ReportData, lang: str) -> list[str]:
    objs = data.facilities
    by_stage = Counter(f.stage for f in objs)
    stages = [(label(s, lang), by_stage[s], STAGE_COLOURS[s], fmt_int(by_stage[s], lang)) for s in Stage]
    years = sorted({f.first_year for f in objs})
    money = []
    for year in years:
        totals = budget_totals(f.budget for f in objs if f.first_year == year)
        planned, spent = totals.planned, totals.spent  # bars of the known amounts; "–" when none is
        plan_label, spent_label = t("io.report.planned", lang), t("io.report.spent", lang)
        money.append((f"{year} · {plan_label}", float(planned or 0), "#9fb1c4", fmt_mln(planned, lang)))
        money.append((f"{year} · {spent_label}", float(spent or 0), "#0072B2", fmt_mln(spent, lang)))
    states = Counter(e.current for f in objs if (e := f.passport.get(DisabilityCategory.WHEELCHAIR)) and e.current)
    passport = [(label(s, lang), states[s], PASSPORT_COLOURS[s], fmt_int(states[s], lang)) for s in PassportState]
    out = [f"<h2>{escape(t('io.report.chart_stage', lang))}</h2>", svg.bar_chart(stages)]
    if money:
        out += [f"<h2>{escape(t('io.report.chart_money', lang))}</h2>", svg.bar_chart(money)]
    out += [f"<h2>{escape(t('io.report.chart_passport', lang))}</h2>", svg.bar_chart(passport)]
    return out


def _tables(data: ReportData, lang: str) -> list[str]:
    demo = t("io.report.demo_mark", lang)
    rows = []
    for f in sorted(data.facilities, key=lambda f: (f.first_year, f.display_name(lang))):
        entry = f.passport.get(DisabilityCategory.WHEELCHAIR)
        rows.append(
            [
                f.display_name(lang) + (f" [{demo}]" if f.demo else ""),
                label(f.sector, lang),
                str(f.first_year),
                label(f.stage, lang),
                fmt_money(f.budget.allocated, lang),
                fmt_money(f.budget.spent, lang),
                entry.current.code if entry and entry.current else "–",
                f.conclusion or "–",
            ]
        )
    heads = [t(f"io.report.col_{c}", lang) for c in ("name", "sector", "year", "stage", "allocated", "spent", "k")]
    heads.append(t("passport.conclusion", lang))
    out = [f"<h2>{escape(t('io.report.objects', lang))}</h2>", _table(heads, rows, {4, 5})]
    if data.rehab:
        rrows = [
            [
                r.name + (f" [{demo}]" if r.demo else ""),
                label(r.kind, lang),
                label(r.status, lang),
                fmt_int(r.places, lang),
                source_text(r.source, lang) or "–",
            ]
            for r in sorted(data.rehab, key=lambda r: r.name)
        ]
        rheads = [t(f"io.report.col_{c}", lang) for c in ("name", "kind", "status", "places", "source")]
        out += [f"<h2>{escape(t('io.report.rehab', lang))}</h2>", _table(rheads, rrows, {3})]
    if data.invataxi:
        irows = [
            [
                _month(r.month),
                fmt_int(r.vehicles, lang),
                fmt_int(r.trips, lang),
                fmt_int(r.refused_total, lang),
                fmt_number(r.avg_wait_min, lang, 0),
                (source_text(r.source, lang) or "–") + (f" [{demo}]" if r.demo else ""),
            ]
            for r in sorted(data.invataxi, key=lambda r: r.month)[-12:]
        ]
        iheads = [t(f"io.report.col_{c}", lang) for c in ("month", "vehicles", "trips", "refused", "wait", "source")]
        out += [f"<h2>{escape(t('io.report.invataxi', lang))}</h2>", _table(iheads, irows, {1, 2, 3, 4})]
    return out


def _sources(data: ReportData, lang: str, when: str) -> list[str]:
    d = data.district
    items = [t("io.report.source_register", lang, date=when)]
    if data.as_of:
        items.append(t("io.report.source_history", lang))
    items.append(t("io.report.source_boundaries", lang, source=source_text(data.boundary_source, lang)))
    for key in ("population", "disabled_total", "wheelchair_users"):
        text = _figure(getattr(d, key), lang)
        if text:
            items.append(f"{t(f'io.report.figure_{key}', lang)}: {text}")
    items += data.extra_sources
    items.append(t("io.report.generated", lang, at=data.generated_at.astimezone(KZ_TIME).strftime("%d.%m.%Y %H:%M")))
    lis = "".join(f"<li>{escape(i)}</li>" for i in items)
    return [f"<h2>{escape(t('io.report.sources', lang))}</h2>", f'<ul class="sources">{lis}</ul>']


def _method(data: ReportData, lang: str) -> list[str]:
    """The legal basis and how each figure is computed, as on the "Sources and method" page."""
    if not data.method:
        return []
    demo = any(f.demo for f in data.facilities) or any(r.demo for r in data.rehab)
    out = [f"<h2>{escape(t('io.report.method', lang))}</h2>"]
    for section in method_sections(lang, demo=demo, **data.method):
        lis = "".join(f"<li>{escape(line)}</li>" for line in section.lines)
        out += [f"<h3>{escape(section.title)}</h3>", f'<ul class="sources">{lis}</ul>']
    return out


def to_pdf(html: str) -> bytes:
    """The report as PDF (WeasyPrint; DejaVu fonts carry the Kazakh letters).

    Importing WeasyPrint turns on Pillow's process-wide ``LOAD_TRUNCATED_IMAGES``, which would let
    a photo cut short in a transfer pass the upload check as whole; it is turned off again here
    (the PDFs embed only photos the tracker has already decoded and re-encoded).
    """
    from PIL import ImageFile
    from weasyprint import HTML

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return HTML(string=html).write_pdf()
