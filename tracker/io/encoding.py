"""Which encoding a text file is in, and whether its text looks garbled (mojibake).

Akimats save CSV from Excel in UTF-8 (with or without a BOM), in UTF-16 ("Unicode text"), or in
a legacy code page: KZ-1048 for Kazakh text, cp1251 for Russian. cp1251 decodes almost any
bytes, so Kazakh text read as cp1251 silently becomes "Ќарасай… ўлттыќ"; the two code pages
differ in only 16 bytes, which is how the choice between them is made.
"""

import re
from dataclasses import dataclass, field

#: Bytes where KZ-1048 has a Kazakh letter and cp1251 has a Serbian/Ukrainian look-alike.
_KZ1048_ONLY = frozenset(
    b for b in range(0x80, 0x100) if bytes([b]).decode("kz1048", "replace") != bytes([b]).decode("cp1251", "replace")
)
#: The look-alikes: Kazakh letters decoded with the wrong code page turn into these.
LOOKALIKES = frozenset(bytes([b]).decode("cp1251") for b in _KZ1048_ONLY)
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# UTF-8 Cyrillic read as cp1251: "Талдықорған" → "РўР°Р»РґС‹..."; read as Latin-1: "Ð¢Ð°Ð»".
_UTF8_AS_CP1251 = re.compile("[РС][\u0402-\u040f\u0452-\u045f\u2018-\u203a°±µ¶·ё№є»јЅѕїЁЄЇІі¤¦§©«¬®]")
_UTF8_AS_LATIN1 = re.compile("[ÐÑÓÒ][\u0080-\u00bf]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass(frozen=True)
class Decoded:
    """The text of a file and how it was read."""

    text: str
    encoding: str  # Python codec name: utf-8, utf-8-sig, utf-16, kz1048, cp1251
    evidence: list[str] = field(default_factory=list)  # Kazakh letters or look-alikes seen

    @property
    def legacy(self) -> bool:
        return self.encoding in ("kz1048", "cp1251")


class NotText(ValueError):
    """The bytes are not text in any encoding the importer reads."""


def decode(data: bytes) -> Decoded:
    """Decode a CSV file: UTF-16 or UTF-8 (BOM or not) strictly, else KZ-1048 or cp1251."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise NotText(str(exc)) from exc
    if b"\x00" in data[:4096]:
        raise NotText("the file holds binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
        return Decoded(text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        pass
    kazakh_bytes = sorted({b for b in data if b in _KZ1048_ONLY})
    if kazakh_bytes:
        text = data.decode("kz1048", errors="replace")
        letters = sorted({bytes([b]).decode("kz1048") for b in kazakh_bytes})
        return Decoded(text, "kz1048", letters)
    # No byte where the two code pages differ: the text is the same either way; Russian
    # spreadsheets are cp1251, so that is the name reported.
    return Decoded(data.decode("cp1251", errors="replace"), "cp1251")


def looks_garbled(text: str) -> bool:
    """True for text that reads like mojibake: look-alikes in Cyrillic words, or UTF-8 read as cp1251/Latin-1."""
    if not text:
        return False
    if _CYRILLIC.search(text) and any(ch in LOOKALIKES for ch in text):
        # "Ќарасай": a look-alike letter inside an otherwise Cyrillic text.
        return True
    return len(_UTF8_AS_CP1251.findall(text)) >= 2 or len(_UTF8_AS_LATIN1.findall(text)) >= 2


def kazakh_letters(text: str) -> list[str]:
    return sorted({ch for ch in text if ch in KAZAKH_LETTERS})
