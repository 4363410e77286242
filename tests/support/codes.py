"""What a refusal says, as codes: tests check the rule that refused, never an English sentence."""

from pydantic import ValidationError

from tracker.domain.errors import TrackerError
from tracker.i18n.errors import pydantic_problem


def codes(error: BaseException) -> list[str]:
    """The rule codes of a refusal (pydantic's own error type where no rule names it)."""
    if isinstance(error, TrackerError):
        return [error.code]
    if isinstance(error, ValidationError):
        return [(pydantic_problem(item) or (item["type"],))[0] for item in error.errors(include_url=False)]
    return []
