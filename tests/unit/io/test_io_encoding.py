"""Encodings akimat CSV files come in are told apart, and garbled text is caught."""

import pytest

from tests.unit.io import io_corpus as corpus
from tracker.io.encoding import NotText, decode, looks_garbled

KAZAKH = "Қарасай ауданы, Ұлттық мәдениет үйі, әкімдік"
RUSSIAN = "Талгарский район, школа-гимназия №2"


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("kz1048", "kz1048"),
    ],
)
def test_kazakh_text_is_read_back_exactly(encoding, expected):
    decoded = decode(KAZAKH.encode(encoding))
    assert (decoded.text, decoded.encoding) == (KAZAKH, expected)


def test_kz1048_reports_the_kazakh_letters_that_decided_it():
    assert set(decode(KAZAKH.encode("kz1048")).evidence) >= {"Қ", "Ұ", "ә"}


def test_russian_in_a_legacy_code_page_is_cp1251():
    decoded = decode(RUSSIAN.encode("cp1251"))
    assert (decoded.text, decoded.encoding, decoded.legacy) == (RUSSIAN, "cp1251", True)


@pytest.mark.parametrize(
    "text",
    [
        KAZAKH.encode("kz1048").decode("cp1251"),  # "Ќарасай ... Ўлттыќ"
        KAZAKH.encode("utf-8").decode("cp1251", errors="replace"),  # "РљР°..."
        KAZAKH.encode("utf-8").decode("latin-1"),  # "Ð\x9aÐ°..."
    ],
)
def test_mojibake_is_caught(text):
    assert looks_garbled(text)


@pytest.mark.parametrize("text", [KAZAKH, RUSSIAN, "Рахат", "School No. 5", "С.Сейфуллин к-сі 12", ""])
def test_good_text_is_not_called_garbled(text):
    assert not looks_garbled(text)


def test_binary_is_not_text():
    with pytest.raises(NotText):
        decode(b"\x00\x01\x02binary" * 10)


def test_the_corpus_mojibake_file_reads_as_utf8_but_garbled():
    decoded = decode(corpus.mojibake_csv())
    assert decoded.encoding == "utf-8" and "Ќарасай" in decoded.text and looks_garbled(decoded.text)
