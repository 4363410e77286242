"""The printable audit act: the verdict, every reason with its clause, the answers with units, the
photos embedded, and people's text kept as text."""

import io
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from PIL import Image

from tests import factories
from tracker.domain.passport import Zone
from tracker.domain.visit import SiteAudit
from tracker.io.audit_act import ActData, ActPhoto, render_act

# A school door as a monitor measured it: a 4 cm threshold, a 0.85 m door, no call button.
ANSWERS = {
    "entrance": {"threshold_height": 4.0, "door_width": 0.85, "call_button": "no", "tactile_indicators": "na"},
    "sanitary": {"accessible_toilet": "yes", "grab_bars": "yes", "cubicle_width": 1.7, "cubicle_depth": 1.8},
}
PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>"&'


def _thumb() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


def _act(**over) -> ActData:
    data = dict(
        visit_id=17,
        facility=factories.facility(),
        district=factories.district(),
        visited_on=date(2025, 5, 20),
        organisation="«Тең қоғам» ҚБ",
        audit=SiteAudit(checklist_version="2026.1", answers=ANSWERS),
        generated_at=datetime(2025, 5, 20, 20, 30, tzinfo=UTC),
        photos=[ActPhoto("кіреберіс.jpg", _thumb(), Zone.ENTRANCE)],
    )
    return ActData(**(data | over))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_the_act_holds_the_object_the_verdict_every_reason_and_the_answers_in_russian():
    html = render_act(_act(), "ru")
    text = " ".join(_parsed(html).text)
    assert "Акт обследования доступности № 17" in text
    assert "Школа №3" in text and "Талдықорған қ., Абай к-сі, 12" in text
    assert factories.TALDYKORGAN in text and "20.05.2025" in text and "«Тең қоғам» ҚБ" in text
    assert "Доступность: ДЧ-И (О), ДУ-И (К)" in text
    assert "Версия чек-листа" in text and "2026.1" in text
    # every reason, with the clause or the "to confirm" note
    assert "Вход, К: Ширина входной двери в свету 0,85\u00a0м, на 0,05\u00a0м меньше минимума 0,9\u00a0м" in text
    assert "п. 4.3.2.14" in text
    assert "уточняется" in text  # the threshold limit's clause is still to confirm
    assert "Причины (" in text
    # answers with their units, n/a and yes/no in words
    assert "0,85\u00a0м" in text and "4\u00a0см" in text and "Не применимо" in text and "Нет" in text
    assert "Вопросов без ответа:" in text
    # the photo embedded, not linked
    assert html.count('src="data:image/jpeg;base64,') == 1
    assert "Вход · кіреберіс.jpg" in text
    assert "время Казахстана" in text and "21.05.2025 01:30" in text  # generated at 20:30 UTC


@pytest.mark.parametrize(
    "lang, words", [("kk", "Қолжетімділік: ДЧ-И (О), ДУ-И (К)"), ("en", "Accessibility: ДЧ-И (О)")]
)
def test_the_act_speaks_the_readers_language(lang, words):
    text = " ".join(_parsed(render_act(_act(), lang)).text)
    assert words in text
    assert "4.3.2.14" in text


def test_hostile_text_in_names_notes_and_file_names_stays_text():
    facility = factories.facility(name_kk=PAYLOAD, name_ru=PAYLOAD, address=PAYLOAD)
    act = _act(
        facility=facility,
        organisation=PAYLOAD,
        comment=PAYLOAD,
        assessor=PAYLOAD,
        photos=[ActPhoto(PAYLOAD + ".jpg", _thumb(), None)],
    )
    for lang in ("kk", "ru", "en"):
        html = render_act(act, lang)
        parsed = _parsed(html)
        assert "script" not in parsed.tags
        assert parsed.tags.count("img") == 1  # only the embedded thumbnail
        assert "onerror" not in re.sub(r"&[a-z#0-9]+;", "", html.replace("onerror=alert(2)&gt;", ""))
        assert sum(PAYLOAD in chunk for chunk in parsed.text) >= 4  # shown to the reader, as typed


def test_no_persons_name_unless_the_assessor_chose_it():
    without = " ".join(_parsed(render_act(_act(), "ru")).text)
    assert "Обследование провёл(а)" not in without
    named = " ".join(_parsed(render_act(_act(assessor="Айгерим Сәрсенова"), "ru")).text)
    assert "Обследование провёл(а)" in named and "Айгерим Сәрсенова" in named


def test_demo_data_is_labelled_on_the_act():
    text = " ".join(_parsed(render_act(_act(demo=True), "ru")).text)
    assert "Демо-данные" in text
