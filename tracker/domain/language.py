"""The languages of the app, and a record's name in the reader's language with one fallback order."""

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"


def name_fields(lang: str, field: str = "name") -> tuple[str, ...]:
    """Where a name is looked for, in order: the reader's language, then Kazakh, Russian, English."""
    return tuple(dict.fromkeys(f"{field}_{code}" for code in (lang, *LANGUAGES)))


def _given(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def display_name(record, lang: str, field: str = "name"):
    """The first non-empty ``name_<lang>``, ``name_kk``, ``name_ru``, ``name_en`` of ``record``, else "".

    ``record`` is a model, a mapping, a row (``iterrows``/``itertuples``) or a whole DataFrame;
    for a DataFrame the answer is a Series of names, one per row. ``field="oblast"`` names the
    oblast the same way.
    """
    fields = name_fields(lang, field)
    if hasattr(record, "columns"):  # a DataFrame (the domain does not import pandas)
        present = [f for f in fields if f in record.columns]
        names = record.index.to_series(index=record.index).map(lambda _: "")
        for column in reversed(present):
            values = record[column]
            names = values.where(values.map(_given), names)
        return names.astype(str)
    get = record.get if hasattr(record, "keys") else lambda key: getattr(record, key, None)
    return next((value for value in map(get, fields) if _given(value)), "")
