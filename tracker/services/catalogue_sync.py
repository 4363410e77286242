"""Bring an existing register up to the shipped catalogue's names, with history.

The catalogue (``geodata/districts.csv``) is the source of district and oblast names: a database
made before a name was corrected gets each changed district as a versioned update, and people
whose scope names an oblast by its former English name get the official one.
"""

import uuid

from sqlalchemy import select, update

from tracker.domain.district import District
from tracker.geo.names import load_oblasts
from tracker.services.actor import Actor
from tracker.services.permissions import Action, require
from tracker.storage import history
from tracker.storage.tables import users
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
    at = history.now()
    count = 0
    for row in uow.conn.execute(select(users.c.id, users.c.oblasts, users.c.version)).all():
        old = list(row.oblasts or [])
        new = sorted({renamed.get(o, o) for o in old})
        if new == sorted(old):
            continue
        require(actor, Action.MANAGE_USERS)
        version = row.version + 1
        uow.conn.execute(
            update(users)
            .where(users.c.id == row.id)
            .values(oblasts=new, version=version, updated_at=at, updated_by=actor.name)
        )
        history.write(
            uow.conn,
            change_id=str(uuid.uuid4()),
            entity="user",
            entity_id=row.id,
            version=version,
            changes={"oblasts": (old, new)},
            actor=actor.name,
            at=at,
            comment=COMMENT,
        )
        uow.mark_written()
        count += 1
    return count
