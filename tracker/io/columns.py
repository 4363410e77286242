"""The columns each kind of import knows, the header names it recognises, and the export headers.

Export headers are the column keys in English and the ``io.col.*`` names in Kazakh and Russian;
the importer recognises all of those plus the names akimat spreadsheets commonly use, so an
export is always importable unchanged (the round trip).
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cache

from tracker.domain.enums import (
    DisabilityCategory,
    FundingSource,
    LocationPrecision,
    Measure,
    Ownership,
    RefusalReason,
    RehabKind,
    RehabStatus,
    Sector,
    Stage,
    TargetGroup,
)
from tracker.domain.passport import Zone
from tracker.i18n import LANGUAGES, label, t
from tracker.io.values import norm

KINDS = ("objects", "rehab", "invataxi")
#: Columns a file may bring that are not a field of the record: exports leave them out.
IMPORT_ONLY = frozenset({"reason"})


@dataclass(frozen=True)
class Column:
    key: str
    kind: str  # text, money, number, integer, date, month, bool, years, kato, enum…
    required: bool = False
    synonyms: tuple[str, ...] = ()
    enum: type[Enum] | None = None
    param: Enum | None = None  # the stage, category or refusal reason a composed column is about
    zone: Enum | None = None  # the passport's functional zone, for the zone × category columns

    def header(self, lang: str) -> str:
        """The column's name in an export in ``lang`` (the key itself in English)."""
        return self.key if lang == "en" else self.title(lang)

    def title(self, lang: str) -> str:
        """The column's name for people, in ``lang``."""
        base = self.key.split(":")[0]
        if self.zone is not None:
            return t(f"passport.col.{base}", lang, zone=t(f"visits.zone.{self.zone.value}", lang), what=self.param.code)
        if self.param is not None:
            name = label(self.param, lang) if not isinstance(self.param, DisabilityCategory) else self.param.code
            return t(f"io.col.{base}", lang, what=name)
        return t(f"io.col.{base}", lang)


def _c(key, kind, *synonyms, required=False, enum=None, param=None, zone=None) -> Column:
    return Column(key, kind, required, tuple(synonyms), enum, param, zone)


_DISTRICT = (
    _c("district_kato", "kato", "като", "kato", "код като", "ато коды", "kato code", "код района"),
    _c(
        "district",
        "text",
        "район",
        "аудан",
        "district",
        "район/город",
        "аудан/қала",
        "наименование района",
        "район (город)",
        "аудан (қала)",
        "наименование района (города)",
    ),
    _c("oblast", "text", "область", "облыс", "oblast", "region"),
)
_POINT = (
    _c("lat", "number", "широта", "ендік", "latitude", "lat", "y", required=True),
    _c("lon", "number", "долгота", "бойлық", "longitude", "lon", "lng", "long", "x", required=True),
)

OBJECT_COLUMNS: tuple[Column, ...] = (
    _c("external_id", "id", "id", "код объекта", "нысан коды", "идентификатор", "ид"),
    _c("name_kk", "text", "атауы", "нысан атауы", "объект атауы", "атауы (қаз)", "name kk", "наименование (каз)"),
    _c(
        "name_ru",
        "text",
        "наименование",
        "наименование объекта",
        "название",
        "name",
        "объект",
        "атауы (орыс)",
        "name ru",
        "наименование (рус)",
    ),
    _c(
        "sector",
        "enum",
        "сфера",
        "сала",
        "отрасль",
        "тип объекта",
        "sector",
        "категория объекта",
        "вид объекта",
        "нысан түрі",
        required=True,
        enum=Sector,
    ),
    _c(
        "address",
        "text",
        "адрес",
        "мекенжай",
        "address",
        "адрес объекта",
        "нысан мекенжайы",
        "мекенжайы",
        "местонахождение",
    ),
    *_DISTRICT,
    *_POINT,
    _c("location_precision", "enum", "точность места", "орын дәлдігі", enum=LocationPrecision),
    _c("ownership", "enum", "собственность", "меншік", "форма собственности", enum=Ownership),
    _c(
        "program_years",
        "years",
        "год",
        "жыл",
        "year",
        "годы",
        "годы программы",
        "бағдарлама жылы",
        "год реализации",
        "годы реализации",
        "іске асыру жылы",
        "жылы",
        "жылдары",
        required=True,
    ),
    _c(
        "measures",
        "enum_list",
        "мероприятия",
        "работы",
        "шаралар",
        "перечень работ",
        "виды работ",
        "мероприятия по адаптации",
        "бейімдеу шаралары",
        enum=Measure,
    ),
    _c("measures_done", "enum_list", "выполнено", "орындалды", "выполненные работы", enum=Measure),
    _c(
        "budget_planned",
        "money",
        "план",
        "сумма",
        "бюджет",
        "стоимость",
        "сметная стоимость",
        "жоспарланған сома",
        "сома",
        "сомасы",
        "құны",
        "planned",
        "budget",
        "сумма план",
        "сома жоспар",
        "сомасы жоспар",
        "жоспар",
    ),
    _c("budget_allocated", "money", "выделено", "бөлінді", "бөлінген", "allocated"),
    _c("budget_contracted", "money", "сумма договора", "шарт сомасы", "contracted"),
    _c(
        "budget_spent",
        "money",
        "освоено",
        "игерілді",
        "израсходовано",
        "spent",
        "факт",
        "сумма факт",
        "сома факт",
        "нақты",
        "сома нақты",
        "сомасы нақты",
        "фактически освоено",
    ),
    _c(
        "funding_source",
        "enum",
        "источник финансирования",
        "қаржыландыру көзі",
        "источник",
        "источник средств",
        enum=FundingSource,
    ),
    _c("overrun", "bool", "перерасход", "асып кету"),
    _c("contractor", "text", "подрядчик", "мердігер", "contractor"),
    _c(
        "stage", "enum", "этап", "статус", "кезең", "status", "стадия", "этап реализации", "состояние работ", enum=Stage
    ),
    _c(
        "accessibility",
        "passport",
        "доступность",
        "состояние доступности",
        "статус доступности",
        "қолжетімділік",
        "қолжетімділік жағдайы",
        "accessibility",
    ),
    *(_c(f"stage_date:{s.value}", "date", param=s) for s in Stage),
    _c("planned_completion", "date", "срок завершения", "аяқталу мерзімі", "плановый срок"),
    _c("actual_completion", "date", "дата завершения", "аяқталған күні", "фактическое завершение"),
    *(
        col
        for cat in DisabilityCategory
        for col in (
            _c(f"passport:{cat.value}", "passport", param=cat),
            _c(f"passport_target:{cat.value}", "passport", param=cat),
            _c(f"passport_assessed:{cat.value}", "date", param=cat),
        )
    ),
    _c(
        "passport_conclusion",
        "conclusion",
        "заключение",
        "заключение о доступности",
        "состояние доступности",
        "қорытынды",
        "қолжетімділік жай-күйі",
        "conclusion",
    ),
    *(
        col
        for zone in Zone
        for cat in DisabilityCategory
        for col in (
            _c(f"zone:{zone.value}:{cat.value}", "passport", param=cat, zone=zone),
            _c(f"zone_target:{zone.value}:{cat.value}", "passport", param=cat, zone=zone),
        )
    ),
    _c("demo", "bool", "демо"),
    # Why a stage moves back or a cancelled object is reopened: the reason the form asks for.
    _c("reason", "text", "причина", "себеп", "reason", "причина изменения", "өзгеріс себебі"),
)

REHAB_COLUMNS: tuple[Column, ...] = (
    _c("external_id", "id", "id", "код", "идентификатор"),
    _c("name", "text", "наименование", "атауы", "название", "name", "центр", "орталық", required=True),
    _c("kind", "enum", "вид", "түрі", "тип", required=True, enum=RehabKind),
    _c("target_groups", "enum_list", "целевые группы", "мақсатты топтар", "для кого", required=True, enum=TargetGroup),
    _c("places", "integer", "мест", "места", "орын", "орын саны", "количество мест"),
    _c("status", "enum", "статус", "мәртебе", "состояние", required=True, enum=RehabStatus),
    _c("opening_year", "integer", "год открытия", "ашылған жылы"),
    _c("budget", "money", "бюджет", "стоимость", "сумма"),
    *_DISTRICT,
    *_POINT,
    _c("operator", "text", "оператор", "ведомство"),
    _c("source", "text", "источник", "дереккөз"),
    _c("demo", "bool", "демо"),
)

INVATAXI_COLUMNS: tuple[Column, ...] = (
    *_DISTRICT,
    _c("month", "month", "месяц", "ай", "период", "кезең", required=True),
    _c("vehicles", "integer", "машин", "автомобилей", "көлік саны", "количество машин", required=True),
    _c("operator", "text", "оператор", "перевозчик", "тасымалдаушы"),
    _c("trips", "integer", "поездок", "сапарлар", "количество поездок", "выполнено поездок", required=True),
    *(_c(f"refused:{r.value}", "integer", param=r) for r in RefusalReason),
    _c("avg_wait_min", "number", "среднее ожидание", "орташа күту", "ожидание, мин"),
    _c("source", "text", "источник", "дереккөз"),
    _c("demo", "bool", "демо"),
)

COLUMNS = {"objects": OBJECT_COLUMNS, "rehab": REHAB_COLUMNS, "invataxi": INVATAXI_COLUMNS}

_UNITS = (
    (re.compile(r"(млн\.?|миллион\w*)\s*(тенге|теңге|₸|тг)"), Decimal(10) ** 6),
    (re.compile(r"(тыс\.?|мың|тысяч\w*)\s*(тенге|теңге|₸|тг)"), Decimal(10) ** 3),
)


def header_key(header: object) -> tuple[str, Decimal]:
    """The comparable form of a header and the money unit it states ("Сумма, тыс. тенге" → 1000)."""
    value = norm(header or "")
    unit = Decimal(1)
    for pattern, factor in _UNITS:
        if pattern.search(value):
            unit = factor
            value = pattern.sub(" ", value)
            break
    value = value.replace("₸", " ").replace("тенге", " ").replace("теңге", " ")
    value = re.sub(r"[^\w\s:]", " ", value)
    return " ".join(value.split()), unit


@cache
def _recognised(kind: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for name in (column.key, *column.synonyms, *(column.title(lang) for lang in LANGUAGES)):
            names.setdefault(header_key(name)[0], column.key)
    return names


def auto_map(headers: list[str], kind: str) -> dict[str, int]:
    """Column key → position in ``headers``, for the headers the importer recognises."""
    known = _recognised(kind)
    mapping: dict[str, int] = {}
    for pos, header in enumerate(headers):
        key = known.get(header_key(header)[0])
        if key and key not in mapping:
            mapping[key] = pos
    return mapping


def missing_required(mapping: dict[str, int], kind: str) -> list[Column]:
    """Required columns absent from a mapping (a district needs its KATO code or its name)."""
    # Objects without coordinates are placed at their settlement or district centre.
    located = ("lat", "lon") if kind == "objects" and ("lat" in mapping) == ("lon" in mapping) else ()
    missing = [c for c in COLUMNS[kind] if c.required and c.key not in mapping and c.key not in located]
    if "district_kato" not in mapping and "district" not in mapping:
        missing.insert(0, column(kind, "district_kato"))
    if kind == "objects" and "name_kk" not in mapping and "name_ru" not in mapping:
        missing.insert(0, column(kind, "name_ru"))
    return missing


def column(kind: str, key: str) -> Column:
    return next(c for c in COLUMNS[kind] if c.key == key)
