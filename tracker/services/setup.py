"""Start-up tasks: the schema, the district catalogue, the demo data. Each is idempotent."""

from dataclasses import dataclass

from tracker.demo.generator import generate_demo, generate_national
from tracker.demo.visits import demo_visits
from tracker.geo.catalog import default_region, load_catalog
from tracker.geo.shipped import DISTRICTS_PATH, SHIPPED_SOURCE
from tracker.services.actor import SYSTEM, Actor
from tracker.services.boundaries import import_boundaries
from tracker.services.catalogue_sync import rename_oblast_scopes, sync_names
from tracker.services.permissions import Action, require
from tracker.storage.database import Database
from tracker.storage.schema import upgrade
from tracker.storage.tables import facilities

DEMO_ACTOR = "demo loader"


@dataclass(frozen=True)
class DemoLoad:
    facilities: int
    rehab_centers: int
    invataxi_reports: int
    already_loaded: bool = False
    visits: int = 0


def initialise(db: Database, actor: Actor = SYSTEM) -> int:
    """Migrate to the newest schema, add catalogue districts not yet in the register, correct the
    names of those already there (with history) and, when no boundaries are stored, load the
    shipped ones (``geodata/boundaries/districts.geojson``).

    Returns how many districts were added (0 on every later run).
    """
    upgrade(db.engine)
    with db.write() as uow:
        uow.serialise()
        present = {d.model.kato for d in uow.districts.all(include_deleted=True)}
        missing = [d for d in load_catalog() if d.kato not in present]
        if missing:
            require(actor, Action.MANAGE_DISTRICTS)
            uow.districts.add_many(missing, actor.name, "district catalogue (geodata/districts.csv)")
        sync_names(uow, load_catalog(), actor)
        rename_oblast_scopes(uow, actor)
        uow.commit()
    import_boundaries(db, actor, DISTRICTS_PATH, source=SHIPPED_SOURCE, only_if_empty=True)
    return len(missing)


def has_demo(db: Database) -> bool:
    with db.read() as store:
        return store.facilities.count(facilities.c.demo.is_(True)) > 0


def is_empty(db: Database) -> bool:
    with db.read() as store:
        return store.facilities.count() == 0


def load_demo(db: Database, actor: Actor = SYSTEM) -> DemoLoad:
    """Load the labelled demo data for the default region once; later calls change nothing."""
    require(actor, Action.IMPORT_DATA)
    if has_demo(db):
        return DemoLoad(0, 0, 0, already_loaded=True)
    demo = generate_demo(default_region())
    with db.write() as uow:
        uow.serialise()
        if uow.facilities.count(facilities.c.demo.is_(True)):
            return DemoLoad(0, 0, 0, already_loaded=True)
        ids = uow.facilities.add_many(demo.facilities, DEMO_ACTOR, "demo data")
        visits = demo_visits(list(zip(ids, demo.facilities)))
        uow.visits.add_many(visits, DEMO_ACTOR, "demo data")
        uow.rehab_centers.add_many(demo.rehab_centers, DEMO_ACTOR, "demo data")
        uow.invataxi.add_many(demo.invataxi_reports, DEMO_ACTOR, "demo data")
        for kato, figure in sorted(demo.wheelchair_users.items()):
            current = uow.districts.require(kato)
            uow.districts.update(
                kato,
                current.model.model_copy(update={"wheelchair_users": figure}),
                current.version,
                DEMO_ACTOR,
                "demo estimate of wheelchair users",
            )
        uow.commit()
    return DemoLoad(len(demo.facilities), len(demo.rehab_centers), len(demo.invataxi_reports), visits=len(visits))


def load_national_demo(db: Database, objects: int = 50_000, actor: Actor = SYSTEM) -> DemoLoad:
    """Load a synthetic, labelled set of ``objects`` over all districts (for speed tests)."""
    require(actor, Action.IMPORT_DATA)
    with db.read() as store:
        if store.facilities.count(facilities.c.external_id.like("NAT-%")):
            return DemoLoad(0, 0, 0, already_loaded=True)
    synthetic = generate_national(load_catalog(), n=objects)
    with db.write() as uow:
        uow.serialise()
        uow.facilities.add_many(synthetic, DEMO_ACTOR, "synthetic national demo data")
        uow.commit()
    return DemoLoad(len(synthetic), 0, 0)
