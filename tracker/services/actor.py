"""Who is acting: every service call names its actor, whose name goes into the history."""

from dataclasses import dataclass, field

from tracker.domain.people import ASSIGNABLE_ROLES, Role

__all__ = ["ASSIGNABLE_ROLES", "PUBLIC", "SYSTEM", "Actor", "Role"]


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    districts: frozenset[str] = field(default_factory=frozenset)
    oblasts: frozenset[str] = field(default_factory=frozenset)
    #: The signed-in person's row in ``users``; None for the command line and the public.
    user_id: int | None = None
    organisation: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.role != Role.PUBLIC


#: The command line and start-up tasks act as this administrator.
SYSTEM = Actor(name="system", role=Role.ADMIN)

#: A visitor who has not signed in (the public view).
PUBLIC = Actor(name="public", role=Role.PUBLIC)
