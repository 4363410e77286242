"""The import template of a reader: the districts they may import into, in their language."""

from tracker.io.template import objects_template
from tracker.services.actor import Actor
from tracker.services.permissions import in_scope
from tracker.storage.database import Database


def import_template(db: Database, actor: Actor, lang: str) -> bytes:
    """The objects template (XLSX) listing the districts of ``actor``'s scope."""
    with db.read() as store:
        districts = [d.model for d in store.districts.all()]
    mine = [d for d in districts if in_scope(actor, d.kato, d.oblast_en)]
    return objects_template(lang, sorted(mine or districts, key=lambda d: (d.oblast(lang), d.name(lang))))
