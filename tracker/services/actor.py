"""Who is acting: every service call names its actor, whose name goes into the history."""

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    DISTRICT_EDITOR = "district_editor"
    MONITOR = "monitor"
    PUBLIC = "public"


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    districts: frozenset[str] = field(default_factory=frozenset)
    oblasts: frozenset[str] = field(default_factory=frozenset)


#: The command line and start-up tasks act as this administrator.
SYSTEM = Actor(name="system", role=Role.ADMIN)
