"""Photos and documents attached to an object or to a monitoring visit (the bytes live on disk)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EvidenceKind = Literal["before", "after", "visit", "document"]


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    facility_id: int = Field(ge=1)
    visit_id: int | None = None
    kind: EvidenceKind
    filename: str = Field(min_length=1, max_length=255)
    content_type: str = Field(max_length=100)
    size_bytes: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    stored_name: str = Field(max_length=100)
    comment: str | None = Field(default=None, max_length=2000)
