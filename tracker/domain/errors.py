"""Errors the domain and the services raise; each carries a message a person can act on."""


class TrackerError(Exception):
    """Base of every error the tracker raises on purpose."""


class RuleViolation(TrackerError, ValueError):
    """A change breaks a rule of the programme (stage order, money, coordinates)."""


class NotFound(TrackerError, LookupError):
    """No live record with that identifier."""


class ConflictError(TrackerError):
    """The record changed since the caller read it; nothing was written."""

    def __init__(
        self, entity: str, entity_id: object, seen_version: int, current_version: int, current: dict | None = None
    ):
        self.entity = entity
        self.entity_id = entity_id
        self.seen_version = seen_version
        self.current_version = current_version
        self.current = current or {}
        super().__init__(
            f"{entity} {entity_id} was changed by someone else since version {seen_version} "
            f"was opened (it is now at version {current_version}); nothing was saved"
        )


class PermissionDenied(TrackerError, PermissionError):
    """The acting user may not do this."""
