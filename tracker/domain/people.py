"""People who sign in: their role and scope; and the record the register keeps of each."""

import re
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from tracker.domain.district import KATO_PATTERN
from tracker.domain.errors import RuleViolation

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._@-]{1,63}$"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    DISTRICT_EDITOR = "district_editor"
    MONITOR = "monitor"
    PUBLIC = "public"


#: Roles a person can be given; ``public`` is whoever is not signed in.
ASSIGNABLE_ROLES: tuple[Role, ...] = (Role.ADMIN, Role.MANAGER, Role.DISTRICT_EDITOR, Role.MONITOR)


class PersonDetails(BaseModel):
    """What an administrator fills in for a person; scopes not used by the role are dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    username: str = Field(min_length=2, max_length=64)
    display_name: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    oidc_subject: str | None = Field(default=None, max_length=255)
    role: Role
    districts: list[str] = Field(default_factory=list)
    oblasts: list[str] = Field(default_factory=list)
    organisation: str | None = Field(default=None, max_length=300)

    @field_validator("username")
    @classmethod
    def _username(cls, value: str) -> str:
        value = value.casefold()
        if not re.match(USERNAME_PATTERN, value):
            raise RuleViolation("user.username")
        return value

    @field_validator("email", "oidc_subject", "organisation")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("districts")
    @classmethod
    def _katos(cls, values: list[str]) -> list[str]:
        if any(not re.match(KATO_PATTERN, v) for v in values):
            raise RuleViolation("user.district_code")
        return sorted(set(values))

    @model_validator(mode="after")
    def _scope_fits_role(self) -> "PersonDetails":
        if self.role not in ASSIGNABLE_ROLES:
            raise RuleViolation("user.role", role=self.role.value)
        if self.email is not None:
            if not _EMAIL.match(self.email):
                raise RuleViolation("user.email", email=self.email)
            self.email = self.email.casefold()
        if self.role == Role.DISTRICT_EDITOR and not self.districts:
            raise RuleViolation("user.editor_needs_district")
        if self.role != Role.DISTRICT_EDITOR:
            self.districts = []
        if self.role != Role.MANAGER:
            self.oblasts = []
        self.oblasts = sorted(set(self.oblasts))
        return self


class Person(PersonDetails):
    """A person as the register keeps them. The password hash never leaves the services."""

    id: int | None = None
    active: bool = True
    password_hash: str | None = Field(default=None, max_length=255)
    password_changed_at: AwareDatetime | None = None

    @property
    def has_password(self) -> bool:
        return bool(self.password_hash)
