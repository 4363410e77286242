"""The object page (``/object?id=``): the record, its history and passport, against the database."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.support.apptest import new_app, open_page
from tracker.domain import Budget, PassportEntry
from tracker.domain.enums import DisabilityCategory, PassportState, Stage
from tracker.services.setup import initialise
from tracker.storage.database import Database
from tracker.storage.engine import make_engine
from tracker.storage.tables import facilities, history
from tracker.storage.unit_of_work import UnitOfWork
from tracker.ui.markdown import md_escape

NBSP = "\u00a0"


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _first_demo_object(engine):
    with engine.connect() as conn:
        return conn.execute(
            select(facilities.c.id, facilities.c.name_kk, facilities.c.name_ru, facilities.c.budget_planned_tiyn)
            .where(facilities.c.demo.is_(True))
            .order_by(facilities.c.id)
            .limit(1)
        ).one()


def test_the_object_page_shows_the_record_and_its_whole_history(app, demo_engine):
    row = _first_demo_object(demo_engine)
    at = open_page(app, "object", id=str(row.id))
    assert not at.exception
    assert at.title[0].value == md_escape(row.name_kk)
    planned = f"{round(row.budget_planned_tiyn / 100):,}".replace(",", NBSP)  # shown to the tenge
    assert any(f"{planned}{NBSP}₸" in m.value for m in at.markdown)
    with demo_engine.connect() as conn:
        changes = conn.execute(
            select(func.count())
            .select_from(history)
            .where(history.c.entity == "facility", history.c.entity_id == str(row.id))
        ).scalar_one()
    assert len(_frame(at, "Не өзгерді")) == changes
    passport = _frame(at, "Алғашқы бағалау")
    assert len(passport) == 5 and passport["Санат"].iloc[0].startswith("К —")
    assert any("ДЕМО" in w.value for w in at.warning)


def test_in_russian_the_object_is_named_in_russian(app, demo_engine):
    row = _first_demo_object(demo_engine)
    at = open_page(app, "object", id=str(row.id), lang="ru")
    assert at.title[0].value == md_escape(row.name_ru)
    assert "Что изменено" in _frame(at, "Когда (время Казахстана)").columns


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "99999999999", "1.5", "1e3", "<script>", "999999"])
def test_a_bad_or_unknown_id_gives_a_message_not_an_exception(app, raw):
    at = open_page(app, "object", id=raw)
    assert not at.exception
    assert at.title[0].value == "Нысан"
    assert at.error and "табылмады" in at.error[0].value


def test_without_an_id_the_page_says_where_to_choose_an_object(app):
    at = open_page(app, "object")
    assert not at.exception and not at.error
    assert at.info


@pytest.fixture
def edited(tmp_path, use_data_dir):
    """A database with one object that was assessed, then moved on a stage and re-assessed."""
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    initialise(Database(engine))
    before = {
        c: PassportEntry(current=PassportState.NONE, target=PassportState.FULL, assessed_on=date(2021, 2, 1))
        for c in DisabilityCategory
    }
    with UnitOfWork(engine) as uow:
        key = uow.facilities.add(factories.facility(passport=before), "Айгүл Сейітова")
        uow.commit()
    with UnitOfWork(engine) as uow:
        current = uow.facilities.require(key)
        after = dict(before) | {
            DisabilityCategory.WHEELCHAIR: PassportEntry(
                current=PassportState.FULL, target=PassportState.FULL, assessed_on=date(2021, 11, 20)
            )
        }
        changed = current.model.model_copy(
            update={
                "stage": Stage.DESIGN_ESTIMATE,
                "stage_dates": {Stage.DESIGN_ESTIMATE: date(2021, 3, 5)},
                "passport": after,
                "budget": Budget(planned=Decimal("1500000.00"), allocated=Decimal("1500000.00")),
            }
        )
        uow.facilities.update(key, changed, current.version, "Марат Оспанов", comment="ЖСҚ басталды")
        uow.commit()
    engine.dispose()
    use_data_dir(tmp_path)
    return new_app(), key


def test_history_names_fields_and_values_as_people_read_them(edited):
    app, key = edited
    at = open_page(app, "object", id=str(key))
    assert not at.exception
    table = _frame(at, "Не өзгерді")
    rows = {r["Не өзгерді"]: r for r in table.to_dict("records")}
    stage = rows["Кезең"]
    # The public sees no names: someone the users table does not know reads as the register itself.
    assert (stage["Бұрын"], stage["Кейін"], stage["Кім"]) == ("Жоспарланған", "ЖСҚ әзірлеу", "тізілім (импорт не жүйе)")
    assert stage["Түсініктеме"] == "ЖСҚ басталды"
    assert rows["Паспорт, К: қазіргі жағдай"]["Бұрын"] == "ВНД"
    assert rows["Паспорт, К: қазіргі жағдай"]["Кейін"] == "ДП"
    assert rows["Паспорт, К: бағаланған күні"]["Кейін"] == "20.11.2021"
    assert rows["Кезең күні: ЖСҚ әзірлеу"]["Кейін"] == "05.03.2021"
    assert rows["Бөлінген қаражат"]["Кейін"] == f"1{NBSP}500{NBSP}000{NBSP}₸"
    assert rows["Жазба құрылды"]["Кім"] == "тізілім (импорт не жүйе)"
    assert table["Қашан (Қазақстан уақыты)"].str.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d").all()


def test_passport_before_and_after_come_from_the_first_assessment_and_the_current_one(edited):
    app, key = edited
    at = open_page(app, "object", id=str(key))
    passport = _frame(at, "Алғашқы бағалау").set_index("Санат")
    wheelchair = passport.loc[passport.index[0]]
    assert wheelchair["Алғашқы бағалау"].startswith("○ ВНД")
    assert wheelchair["Қазір"].startswith("● ДП")
    assert wheelchair["Мақсатқа жетті"] == "✓ иә"
    vision = passport.loc[passport.index[2]]
    assert vision["Алғашқы бағалау"].startswith("○ ВНД") and vision["Қазір"].startswith("○ ВНД")
    assert vision["Мақсатқа жетті"] == "✗ жоқ"


@pytest.mark.parametrize(
    "text, shown",
    [
        ("№2 мектеп-гимназия", "№2 мектеп\\-гимназия"),
        ("[ашу](javascript:alert(1))", "\\[ашу\\]\\(javascript\\:alert\\(1\\)\\)"),
        ("<img src=x onerror=alert(1)>", "\\<img src\\=x onerror\\=alert\\(1\\)\\>"),
        (":red[қызыл] $x^2$ **қалың**", "\\:red\\[қызыл\\] \\$x\\^2\\$ \\*\\*қалың\\*\\*"),
        ("- тізім", "\\- тізім"),
        ("1. тізім", "1\\. тізім"),
    ],
)
def test_user_text_in_markdown_is_shown_as_typed(text, shown):
    assert md_escape(text) == shown
