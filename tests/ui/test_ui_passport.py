"""The passport per functional zone in the app: the edit form's grid and the object page's matrix."""

import pytest
from streamlit.testing.v1 import AppTest

from tests import factories
from tests.support.apptest import APP, PASSWORD, fresh_process_state, open_page, sign_in
from tests.ui.test_ui_edit import _edit, _object_in, _save_button
from tracker.analytics.passport_counts import passport_counts
from tracker.domain.enums import DisabilityCategory, Measure, PassportState
from tracker.domain.passport import Zone, parse_conclusion
from tracker.services.history_view import progress_frame
from tracker.services.setup import initialise
from tracker.storage.database import Database
from tracker.storage.engine import make_engine
from tracker.storage.unit_of_work import UnitOfWork, reading
from tracker.ui.components.facility_details import field_label, value_text


def test_an_editor_assesses_the_entrance_and_the_toilet_and_the_conclusion_follows(people_app):
    fid, version = _object_in(people_app, "331000000")
    at = _edit(people_app, fid)
    assert not at.exception
    key = f"edit_{fid}_{version}"
    assert any(e.label.startswith("Кіреберіс — ") for e in at.expander)
    at.selectbox(key=f"{key}_zone_entrance_wheelchair_current").set_value(PassportState.NONE)
    at.selectbox(key=f"{key}_zone_entrance_wheelchair_target").set_value(PassportState.FULL)
    at.multiselect(key=f"{key}_zone_entrance_measures").select(Measure.RAMP)
    at.selectbox(key=f"{key}_zone_sanitary_wheelchair_current").set_value(PassportState.CONDITIONAL)
    _save_button(at).click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [f"Сақталды: енді нұсқа {version + 1}."]
    with reading(people_app) as store:
        saved = store.facilities.require(fid).model
        log = store.facilities.history(fid)
    entrance = saved.passport_zones[Zone.ENTRANCE]
    assert entrance.states[DisabilityCategory.WHEELCHAIR].current is PassportState.NONE
    assert [m.value for m in entrance.measures] == ["ramp"]
    assert saved.passport[DisabilityCategory.WHEELCHAIR].current is PassportState.NONE  # the worst zone
    assert parse_conclusion(saved.conclusion)[DisabilityCategory.WHEELCHAIR] is PassportState.NONE
    changed = {e.field for e in log if e.version == version + 1}
    assert "passport_zones.entrance.states.wheelchair.current" in changed


@pytest.fixture
def zoned(tmp_path, monkeypatch):
    """A register with one object assessed zone by zone."""
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    initialise(Database(engine))
    fine = {c.value: {"current": "DP", "target": "DP"} for c in DisabilityCategory}
    zones = {zone.value: {"states": fine} for zone in Zone}
    zones["entrance"] = {
        "states": fine | {"wheelchair": {"current": "VND", "target": "DP"}, "mobility": {"current": "DCH"}},
        "measures": ["ramp", "handrails"],
        "measures_done": ["handrails"],
    }
    with UnitOfWork(engine) as uow:
        key = uow.facilities.add(factories.facility(passport_zones=zones), "Айгүл Сейітова")
        uow.commit()
    engine.dispose()
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    fresh_process_state()
    yield AppTest.from_file(APP, default_timeout=60), key
    fresh_process_state()


@pytest.mark.parametrize(
    ("lang", "conclusion", "zone", "entrance"),
    [
        ("kk", "Паспорт қорытындысы: ДП-И (С, Г, У), ДЧ-И (О), ВНД (К)", "Аймақ", "Кіреберіс"),
        ("ru", "Заключение паспорта: ДП-И (С, Г, У), ДЧ-И (О), ВНД (К)", "Зона", "Вход"),
    ],
)
def test_the_object_page_shows_the_matrix_and_the_conclusion(zoned, lang, conclusion, zone, entrance):
    app, key = zoned
    at = open_page(app, "object", id=str(key), lang=lang)
    assert not at.exception
    assert any(conclusion in m.value for m in at.markdown)
    matrix = next(d.value for d in at.dataframe if zone in d.value.columns).set_index(zone)
    assert len(matrix) == 7
    assert matrix.loc[entrance, "К"] == "○ ВНД → ДП"
    assert matrix.loc[entrance, "О"] == "◕ ДЧ"
    assert matrix.loc[entrance, "С"] == "● ДП → ДП"
    summary = next(d.value for d in at.dataframe if d.value.shape == (5, 6))
    assert summary.iloc[0].astype(str).str.contains("ВНД").any()  # К's summary is its worst zone


def test_a_visit_is_recorded_zone_by_zone(people_app):
    fid, _version = _object_in(people_app, "331000000")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "ru"
    at = sign_in(at.run(), "boss", "admin-" + PASSWORD)
    at.query_params["id"] = str(fid)
    at = open_page(at, "visits")
    assert not at.exception
    assert any(e.label == "Вход" for e in at.expander)
    at.selectbox(key="visit_zone_entrance_wheelchair").set_value(PassportState.NONE)
    at.selectbox(key="visit_zone_sanitary_wheelchair").set_value(PassportState.PARTIAL)
    at.selectbox(key="visit_zone_sanitary_hearing").set_value(PassportState.FULL)
    at.text_area(key="visit_zone_entrance").input("Ступени без пандуса")
    at.text_input(key="visit_org").input("ОО «Тең қоғам»")
    next(b for b in at.button if b.label.startswith("Сохранить")).click().run()  # the visit form's submit
    assert not at.exception
    assert at.success and not at.error
    with reading(people_app) as store:
        [visit] = [s.model for s in store.visits.all() if s.model.facility_id == fid]
    assert visit.findings == {
        DisabilityCategory.WHEELCHAIR: PassportState.NONE,
        DisabilityCategory.HEARING: PassportState.FULL,
    }
    assert visit.zone_findings[Zone.SANITARY][DisabilityCategory.WHEELCHAIR] is PassportState.PARTIAL
    table = next(d.value for d in at.dataframe if "Результаты по зонам" in d.value.columns)
    assert "Вход: К: ВНД" in table["Результаты по зонам"].iloc[0]


def test_the_history_names_zone_fields_as_people_read_them():
    assert field_label("passport_zones.entrance.states.wheelchair.current", "ru") == "Паспорт, Вход (К): сейчас"
    sanitary = "Паспорт, Санитарлық бөлмелер (С): мақсат"
    assert field_label("passport_zones.sanitary.states.vision.target", "kk") == sanitary
    assert field_label("passport_zones.entrance.measures_done", "ru") == "Паспорт, Вход: выполненные мероприятия"
    assert value_text("passport_zones.entrance.states.wheelchair.current", "VND", "ru") == "ВНД"
    assert value_text("passport_zones.entrance.measures", ["ramp"], "ru") == "Пандус"


def test_the_overview_shows_adapted_beside_partly_accessible_never_summed(app, demo_engine):
    with demo_engine.connect() as conn:
        counts = passport_counts(progress_frame(conn))
    at = open_page(app, "overview", lang="ru")
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["Адаптировано (ДП-В)"] == str(counts.full)
    assert shown["Доступно частично (ДЧ, ДУ)"] == f"{counts.partly:,}".replace(",", "\u00a0")
    assert counts.full + counts.partly + counts.not_accessible + counts.not_assessed == counts.objects
    assert any("Kazinform от 05.12.2025" in c.value for c in at.caption)
    assert any(c.value.startswith("Адаптирован — полностью доступен (ДП)") for c in at.caption)
