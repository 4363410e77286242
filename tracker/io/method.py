"""The legal basis, the data's sources and how each figure is computed, as the page and the report say it.

One list of sections, each a heading and its lines from the ``method.*`` catalogue, so the
"Sources and method" page and the district report cannot drift apart.
"""

from dataclasses import dataclass

from tracker.i18n import fmt_number, t

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("law", ("code", "sn", "sp", "invataxi")),
    ("data", ("kato", "boundaries", "settlements", "population", "seed", "ministry")),
    (
        "calc",
        (
            "objects",
            "plan",
            "budget",
            "overdue",
            "adapted",
            "taxi_eligible",
            "taxi_per_1000",
            "taxi_trips",
            "taxi_refusals",
            "taxi_norm",
            "reach",
            "gap",
            "claimed",
            "estimates",
        ),
    ),
    ("demo", ("totals", "centres", "fleet", "visits", "passports")),
)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lines: list[str]


def method_sections(
    lang: str, *, norm_per_1000: float, eligible_share: float, reach_km: float, demo: bool = True
) -> list[Section]:
    """The sections in ``lang``, with the settings in force filled in; the demo one only when ``demo``.

    The settings come from the caller (``Settings.invataxi_norm_per_1000``,
    ``invataxi_eligible_share``, ``reach_km``), so the text always names the values in use.
    """
    values = {
        "norm": fmt_number(norm_per_1000, lang, 2),
        "share": fmt_number(eligible_share * 100, lang, 1),
        "km": fmt_number(reach_km, lang, 0),
    }
    out = []
    for key, lines in SECTIONS:
        if key == "demo" and not demo:
            continue
        out.append(
            Section(key, t(f"method.{key}.title", lang), [t(f"method.{key}.{line}", lang, **values) for line in lines])
        )
    return out
