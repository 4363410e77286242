"""Which stage moves are allowed, and which need a written reason."""

from tracker.domain.enums import MAIN_LINE, Stage
from tracker.domain.errors import RuleViolation

SIDE_STAGES = (Stage.POSTPONED, Stage.CANCELLED)


def is_backward(old: Stage, new: Stage) -> bool:
    return old in MAIN_LINE and new in MAIN_LINE and MAIN_LINE.index(new) < MAIN_LINE.index(old)


def needs_reason(old: Stage, new: Stage) -> bool:
    """Backward moves, putting aside, and reopening a cancelled or accepted object need a reason."""
    if old == new:
        return False
    return is_backward(old, new) or new in SIDE_STAGES or old == Stage.CANCELLED


def check_transition(old: Stage, new: Stage, reason: str | None = None) -> None:
    """Raise RuleViolation when ``old → new`` is not allowed or lacks its reason."""
    if old == new:
        return
    if new == Stage.ACCEPTED and old != Stage.COMPLETED:
        raise RuleViolation("stage.accept_after_completed", stage=old)
    if old == Stage.ACCEPTED and new in SIDE_STAGES:
        raise RuleViolation("stage.accepted_side")
    if needs_reason(old, new) and not (reason and reason.strip()):
        raise RuleViolation("stage.needs_reason", old=old, new=new)
