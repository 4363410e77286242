"""The map page under AppTest: what it hands the browser (filters and clicks: tests/e2e).

AppTest shows the live map as an unknown component; its arguments are what the browser gets:
the packed objects as bytes, the texts in the page's language and the view from the address.
"""

import json

from sqlalchemy import func, select

from tests.support.apptest import open_page
from tracker.maps.live.pack import STAGES, unpack
from tracker.storage.tables import facilities

COMPONENT = "tracker.ui.components.live_map.livemap"


def open_map(app, **params):
    return open_page(app, "map", **params)


def live_args(at) -> tuple[dict, dict[str, bytes]]:
    element = next(e for e in at.get("component_instance") if e.proto.component_name == COMPONENT)
    return json.loads(element.proto.json_args), {a.key: a.bytes for a in element.proto.special_args}


def _count(engine, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(facilities).where(facilities.c.deleted_at.is_(None), *where)
        ).scalar_one()


def test_the_map_page_sends_every_live_object_once_packed_with_a_demo_warning(app, demo_engine):
    at = open_map(app)
    assert not at.exception
    assert at.title[0].value == "Нысандар картасы: бейімдеу барысы"
    assert any("ДЕМО ДЕРЕКТЕР" in w.value for w in at.warning)
    args, blobs = live_args(at)
    columns = unpack(blobs["blob"], args["meta"])
    assert len(columns) == args["meta"]["n"] == _count(demo_engine)
    accepted = sum(1 for s in columns["stage"] if STAGES[s] == "accepted")
    assert accepted == _count(demo_engine, facilities.c.stage == "accepted")
    assert args["options"]["labels"]["overdue"] == "Тек мерзімі өткендер"


def test_a_shared_address_opens_with_its_filters(app):
    at = open_map(app, stage="accepted,completed", overdue="1", metric="overdue", year="2021")
    view = live_args(at)[0]["options"]["state"]
    assert [STAGES[i] for i in view["stages"]] == ["completed", "accepted"]
    assert view["overdue"] is True and view["metric"] == "overdue" and view["year"] == 21
    assert at.query_params["stage"] == "accepted,completed"  # left as the link had it


def test_the_map_page_in_russian(app):
    at = open_map(app, lang="ru")
    assert at.title[0].value == "Карта объектов: ход адаптации"
    options = live_args(at)[0]["options"]
    assert options["labels"]["overdue"] == "Только просроченные"
    assert options["stageLabels"][STAGES.index("accepted")] == "Принят комиссией"
    assert "Нажмите на объект" in at.info[0].value


def test_once_the_browser_holds_the_layer_a_rerun_or_poll_sends_no_data_again(app):
    at = open_map(app)
    args, blobs = live_args(at)
    assert "blob" in blobs and "options" in args
    at.session_state["live_map"] = {"have": args["meta"]["digest"], "state": None, "click": None}
    at.run()
    again, blobs = live_args(at)
    assert blobs == {} and "options" not in again and again["digest"] == args["meta"]["digest"]


def test_rehabilitation_centres_and_invataxi_travel_with_the_texts_in_the_language(app):
    options = live_args(open_map(app, lang="ru"))[0]["options"]
    assert options["rehab"] and all(p["name"] and p["lines"] for p in options["rehab"])
    assert options["invataxi"] and all(p["vehicles"] >= 0 for p in options["invataxi"])
    assert options["labels"]["layerRehab"] == "Реабилитационные центры"
