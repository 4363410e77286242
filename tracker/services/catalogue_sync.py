"""Bring an existing register up to the shipped catalogue's names, with history.

The catalogue (``geodata/districts.csv``) is the source of district and oblast names: a database
made before a name was corrected gets each changed district as a versioned update, and people
whose scope names an oblast by its former English name get the official one.
"""

from tracker.domain.district import District
from tracker.geo.names import load_oblasts
from tracker.services.actor import Actor
from tracker.services.permissions import Action, require
from tracker.storage.unit_of_work import UnitOfWork

NAME_FIELDS = ("name_kk", "name_ru", "name_en", "oblast_kk", "oblast_ru", "oblast_en")
COMMENT = "official names from the district catalogue (geodata/name_corrections.csv, geodata/oblasts.csv)"


def sync_names(uow: UnitOfWork, catalogue: tuple[District, ...], actor: Actor) -> list[str]:
    """Update the names of stored districts that differ from the catalogue; return their KATO codes."""
    stored = {s.model.kato: s for s in uow.districts.all()}
    changed = []
    for district in catalogue:
        current = stored.get(district.kato)
        if current is None:
            continue
        names = {f: getattr(district, f) for f in NAME_FIELDS if getattr(current.model, f) != getattr(district, f)}
        if not names:
            continue
        require(actor, Action.MANAGE_DISTRICTS)
        uow.districts.update(
            district.kato, current.model.model_copy(update=names), current.version, actor.name, COMMENT
        )
        changed.append(district.kato)
    return changed


def rename_oblast_scopes(uow: UnitOfWork, actor: Actor) -> int:
    """Replace former English oblast names (``Zhetysu``) in people's scopes by the official ones."""
    renamed = {o.short_en: o.name_en for o in load_oblasts().values() if o.short_en != o.name_en}
    count = 0
    for stored in uow.users.all():
        person = stored.model
        new = sorted({renamed.get(o, o) for o in person.oblasts})
        if new == sorted(person.oblasts):
            continue
        require(actor, Action.MANAGE_USERS)
        uow.users.update(person.id, person.model_copy(update={"oblasts": new}), stored.version, actor.name, COMMENT)
        count += 1
    return count
