"""Files the importer meets in akimats, good and bad, built in memory (no binaries in the repo)."""

import io

TALGAR = "196200000"
TALDYKORGAN = "331000000"

#: An akimat's own Russian headers (semicolons, money in thousands of tenge, dd.mm.yyyy dates).
RU_HEADER = [
    "Код объекта",
    "Наименование",
    "Сфера",
    "Район",
    "Широта",
    "Долгота",
    "Год",
    "Сумма, тыс. тенге",
    "Этап",
    "Срок завершения",
]
RU_ROWS = [
    ["T-1", "Школа №1", "Образование", "Талгарский район", "43,305", "77,241", "2021", "1 200,5", "ПСД", "01.12.2021"],
    [
        "T-2",
        "Поликлиника",
        "Здравоохранение",
        "Талгарский район",
        "43,301",
        "77,236",
        "2022",
        "850",
        "Запланирован",
        "",
    ],
    ["T-3", "Акимат", "Госуправление", "Талдыкорган", "45,015", "78,373", "2021-2022", "2 300", "СМР", "15.11.2022"],
]
#: The same in Kazakh, as a KZ-1048 spreadsheet would have it.
KK_HEADER = ["Нысан коды", "Атауы", "Сала", "Аудан", "Ендік", "Бойлық", "Жыл", "Сомасы, мың теңге", "Кезең"]
KK_ROWS = [
    [
        "K-1",
        "Қарасай ауданының №5 мектебі",
        "Білім беру",
        "Қарасай ауданы",
        "43,29",
        "76,86",
        "2021",
        "1 500",
        "Жоспарланған",
    ],
    ["K-2", "Ұлттық мәдениет үйі", "Мәдениет", "Талғар ауданы", "43,30", "77,24", "2021", "700,0", "ЖСҚ әзірлеу"],
]


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str = "utf-8", sep: str = ";") -> bytes:
    text = "\r\n".join(sep.join(cells) for cells in [header, *rows]) + "\r\n"
    return text.encode(encoding)


def ru_csv(encoding: str = "utf-8", rows: list[list[str]] | None = None) -> bytes:
    return csv_bytes(RU_HEADER, RU_ROWS if rows is None else rows, encoding)


def kk_csv(encoding: str = "kz1048") -> bytes:
    return csv_bytes(KK_HEADER, KK_ROWS, encoding)


def with_cell(row: int, column: str, value: str, rows: list[list[str]] | None = None) -> list[list[str]]:
    """A copy of the Russian rows with one cell changed (row counts from 0)."""
    rows = [list(r) for r in (RU_ROWS if rows is None else rows)]
    rows[row][RU_HEADER.index(column)] = value
    return rows


def xlsx_bytes(header: list, rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Объекты"
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def mojibake_csv() -> bytes:
    """Kazakh text saved as KZ-1048, opened as cp1251 and saved again as UTF-8: "Ќарасай"."""
    return kk_csv("kz1048").decode("cp1251").encode("utf-8")


def mojibake_rows_csv() -> bytes:
    """Good headers, but every row's text went through the wrong code page."""
    good = csv_bytes(KK_HEADER, [], "utf-8")
    rows = csv_bytes(KK_HEADER, KK_ROWS, "kz1048").decode("cp1251").split("\r\n", 1)[1]
    return good + rows.encode("utf-8")
