"""Workbooks laid out the way akimat lists are kept, built with openpyxl for the import tests.

A title and a note above a blank row, a two-row header («Сумма, тыс. тенге» merged over
«план / факт»), a row of column numbers, an oblast section, district sections, totals rows,
addresses without coordinates, the ministry's words. Cells are written as people type them.
"""

import io

from openpyxl import Workbook

KARASAY, TALGAR, KONAEV, ILE, SARKAND, TALDYKORGAN = (
    "195200000",
    "196200000",
    "191000000",
    "196800000",
    "334800000",
    "331000000",
)

RU_TOP = [
    "№ п/п",
    "Наименование объекта",
    "Адрес",
    "Район",
    "Код КАТО",
    "Сфера",
    "Год реализации",
    "Сумма, тыс. тенге",
    None,
    "Источник финансирования",
    "Этап",
    "Состояние доступности",
    "Мероприятия",
    "Широта",
    "Долгота",
]
RU_SUB = [None] * 7 + ["план", "факт"] + [None] * 6

KK_TOP = [
    "Р/с №",
    "Нысан атауы",
    "Мекенжайы",
    "Аудан",
    "Сала",
    "Жылы",
    "Сомасы, мың теңге",
    "Қаржыландыру көзі",
    "Кезең",
    "Қолжетімділік",
    "Ендік",
    "Бойлық",
]


def workbook(title: str, top: list, sub: list | None, rows: list[list], numbers: bool = True) -> bytes:
    """A sheet: title, note, blank row, header (one or two rows), column numbers, then ``rows``."""
    book = Workbook()
    ws = book.active
    ws.title = "Перечень"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(top))
    ws.append(["(по состоянию на 01.10.2024)"])
    ws.append([])
    ws.append(top)
    header_rows = 1
    if sub is not None:
        ws.append(sub)
        header_rows = 2
        for pos, value in enumerate(top, 1):
            if value is not None and (pos >= len(top) or top[pos] is not None) and sub[pos - 1] is None:
                ws.merge_cells(start_row=4, start_column=pos, end_row=5, end_column=pos)
    if numbers:
        ws.append(list(range(1, len(top) + 1)))
    first = ws.max_row + 1
    for row in rows:
        ws.append(row)
    for r in range(first, ws.max_row + 1):
        values = [c.value for c in ws[r]]
        texts = [v for v in values if v not in (None, "")]
        if len(texts) == 1 and values[0] not in (None, ""):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(top))
    assert header_rows in (1, 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ru_row(n, name, address, district, kato, sector, years, plan, fact, funding, stage, state, measures, lat, lon):
    return [n, name, address, district, kato, sector, years, plan, fact, funding, stage, state, measures, lat, lon]


def section(text: str, width: int) -> list:
    return [text] + [None] * (width - 1)


def ru_list() -> bytes:
    """An Almaty oblast list as kept before the 2022 split: sections, totals, old names and codes."""
    w = len(RU_TOP)
    rows = [
        section("Алматинская область", w),
        section("Карасайский район", w),
        ru_row(
            1,
            "СОШ № 5",
            "г. Каскелен, ул. Абая, 12",
            None,
            None,
            "Образование",
            "2024-2025",
            "1 250,5",
            None,
            "МБ",
            "ПСД",
            "частично доступно",
            "пандус; контрастная маркировка",
            None,
            None,
        ),
        ru_row(
            2,
            "Врачебная амбулатория",
            "с. Шамалган, ул. Жибек жолы, 3",
            "Карасай ауданы",
            None,
            "Здравоохранение",
            "2024, 2025",
            "1,2 млн",
            None,
            "РБ",
            "госзакуп",
            "не доступно",
            "пандус",
            None,
            None,
        ),
        [
            "Итого по Карасайскому району",
            None,
            None,
            None,
            None,
            None,
            None,
            2450.5,
            0,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        ru_row(
            3,
            "Дом культуры «Достық»",
            "ул. Кунаева, 5",
            "г. Капшагай",
            None,
            "Культура",
            "2024",
            "3 400",
            "3 400",
            "НФ",
            "СМР",
            "временно недоступно",
            "поручни",
            None,
            None,
        ),
        ru_row(
            4,
            "ЦОН",
            "ул. Тауелсиздик, 40",
            "г. Талдыкорган",
            "191000000",
            "ЦОН",
            "2025",
            "900",
            None,
            "местный бюджет",
            "введён в эксплуатацию",
            "доступно",
            "кнопка вызова",
            None,
            None,
        ),
        ru_row(
            5,
            "Аптека «Дәрі»",
            "трасса Алматы — Бишкек, 21 км",
            "Алматы облысы",
            None,
            "торговля и услуги",
            "2025",
            "",
            None,
            "собственные средства",
            "запланировано",
            "частично доступно",
            "пандус",
            43.2,
            76.62,
        ),
        ru_row(
            6,
            "Многоквартирный жилой дом",
            "г. Сарканд, ул. Ленина, 1",
            "Саркандский район",
            None,
            "многоквартирные жилые дома",
            "2024",
            "450",
            "450",
            "спонсорские средства",
            "акт приёмки",
            "доступно",
            "пандус; поручни",
            None,
            None,
        ),
        ["Всего по области", None, None, None, None, None, None, 6250.5, 3850, None, None, None, None, None, None],
    ]
    return workbook(
        "Перечень объектов социальной инфраструктуры, подлежащих адаптации, на 2024-2025 годы", RU_TOP, RU_SUB, rows
    )


def kk_list() -> bytes:
    """A Kazakh list of today's oblasts: «Жетісу облысы» / «Сарқан ауданы» sections, «Барлығы» totals."""
    w = len(KK_TOP)
    rows = [
        section("Жетісу облысы", w),
        section("Сарқан ауданы", w),
        [
            1,
            "№ 2 мектеп-гимназия",
            "Сарқан қ., Тәуелсіздік к-сі, 7",
            None,
            "Білім беру",
            "2024",
            "2 100,0",
            "ЖБ",
            "ЖСҚ",
            "ішінара қолжетімді",
            None,
            None,
        ],
        [
            2,
            "Лепсі ауылдық клубы",
            "Лепсі а., Абай к-сі, 2",
            None,
            "Мәдениет",
            "2025",
            "800",
            "ЖБ",
            "Жоспарланған",
            "қолжетімсіз",
            None,
            None,
        ],
        ["Барлығы", None, None, None, None, None, 2900, None, None, None, None, None],
        section("Алматы облысы", w),
        [
            3,
            "Қонаев қалалық кітапханасы",
            "Қапшағай қ., Наурызбай к-сі, 1",
            "Қапшағай қ.",
            "Мәдениет",
            "2024",
            "1 000",
            "ЖБ",
            "Жұмыс жүруде",
            "ішінара қолжетімді",
            None,
            None,
        ],
        [
            4,
            "Өтеген батыр емханасы",
            "Өтеген батыр а.",
            "Іле ауданы",
            "Денсаулық сақтау",
            "2024-2025",
            "5 000",
            "РБ",
            "Сатып алу",
            "қолжетімсіз",
            43.419,
            77.022,
        ],
    ]
    return workbook(
        "2024-2025 жылдарға бейімделетін әлеуметтік инфрақұрылым нысандарының тізбесі",
        KK_TOP,
        None,
        rows,
        numbers=False,
    )


def one_row_list(district=None, kato=None, lat=None, lon=None, oblast_section=None, name="СОШ № 1") -> bytes:
    """A list of one object, to see where a single row lands."""
    w = len(RU_TOP)
    rows = [section(oblast_section, w)] if oblast_section else []
    rows.append(
        ru_row(
            1,
            name,
            "ул. Абая, 1",
            district,
            kato,
            "Образование",
            "2025",
            "100",
            None,
            "МБ",
            "ПСД",
            "доступно",
            "пандус",
            lat,
            lon,
        )
    )
    return workbook("Перечень объектов", RU_TOP, RU_SUB, rows)


KK_PLAN_TOP = [
    "Р/с №",
    "Нысан атауы",
    "Мекенжайы",
    "Аудан",
    "Сала",
    "Жылы",
    "Сомасы, мың теңге",
    None,
    "Қаржыландыру көзі",
    "Кезең",
]
KK_PLAN_SUB = [None] * 6 + ["жоспар", "нақты"] + [None] * 2


def ru_money_list() -> bytes:
    """A Karasay list with «план / факт» only (no «выделено»), some money cells left empty or «-»."""
    w = len(RU_TOP)

    def row(n, name, plan, fact, stage):
        address = f"г. Каскелен, ул. Абая, {n}"
        return ru_row(
            n, name, address, None, None, "Образование", "2024", plan, fact, "МБ", stage, None, None, None, None
        )

    rows = [
        section("Карасайский район", w),
        row(1, "СОШ № 1", "1 250,5", "300", "СМР"),  # plan and fact given
        row(2, "СОШ № 2", None, "450", "СМР"),  # the plan was not typed in: unknown, not 0
        row(3, "СОШ № 3", "900", "", "госзакуп"),  # nothing reported spent yet
        row(4, "СОШ № 4", "0", "0", "запланировано"),  # a zero someone stated stays 0
        row(5, "СОШ № 5", " ", None, "запланировано"),  # both empty
        ["Итого по Карасайскому району", None, None, None, None, None, None, 2150.5, 750, None, None, None, None, None],
    ]
    return workbook("Перечень объектов Карасайского района на 2024 год", RU_TOP, RU_SUB, rows)


def kk_money_list() -> bytes:
    """The same in Kazakh: «Сомасы, мың теңге» over «жоспар / нақты», empty cells among them."""
    w = len(KK_PLAN_TOP)
    rows = [
        section("Қарасай ауданы", w),
        [
            1,
            "№ 1 мектеп",
            "Қаскелең қ., Абай к-сі, 1",
            None,
            "Білім беру",
            "2024",
            "2 000",
            "500",
            "ЖБ",
            "Жұмыс жүріп жатыр",
        ],
        [
            2,
            "№ 2 мектеп",
            "Қаскелең қ., Абай к-сі, 2",
            None,
            "Білім беру",
            "2024",
            None,
            "120",
            "ЖБ",
            "Жұмыс жүріп жатыр",
        ],
        [3, "Аудандық аурухана", "Қаскелең қ.", None, "Денсаулық сақтау", "2024", "700", None, "РБ", "Сатып алу"],
    ]
    return workbook("2024 жылға бейімделетін нысандар тізбесі", KK_PLAN_TOP, KK_PLAN_SUB, rows, numbers=False)
