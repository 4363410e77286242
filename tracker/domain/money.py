"""Money in tenge: exact decimals, never negative, never infinite."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tracker.domain.enums import FundingSource
from tracker.domain.errors import RuleViolation

Tenge = Annotated[Decimal, Field(ge=0, max_digits=17, decimal_places=2, allow_inf_nan=False)]


class Budget(BaseModel):
    """Planned → allocated → contracted → spent, in ₸, for one object; None is an amount nobody gave.

    An empty cell or field is unknown, never zero: zero is an amount someone stated.
    """

    model_config = ConfigDict(extra="forbid")

    planned: Tenge | None = None
    allocated: Tenge | None = None
    contracted: Tenge | None = None
    spent: Tenge | None = None
    funding_source: FundingSource = FundingSource.LOCAL
    overrun: bool = False

    @model_validator(mode="after")
    def _money_invariants(self) -> "Budget":
        check_overrun(self.spent, self.allocated, self.overrun)
        return self

    @property
    def execution(self) -> float | None:
        """Financial progress: spent ÷ allocated; None when either is unknown or nothing is allocated."""
        if self.spent is None or not self.allocated:
            return None
        return float(self.spent / self.allocated)


def check_overrun(spent: Decimal | None, allocated: Decimal | None, overrun: bool) -> None:
    """Spent may exceed allocated only when the overrun is flagged; an unknown amount proves nothing."""
    if spent is None or allocated is None:
        return
    if spent > allocated and not overrun:
        raise RuleViolation("budget.overrun", spent=spent, allocated=allocated)


@dataclass(frozen=True)
class BudgetTotals:
    """Sums of the amounts known over some objects; ``unknown`` objects are left out of ``execution``."""

    planned: Decimal | None
    allocated: Decimal | None
    contracted: Decimal | None
    spent: Decimal | None
    execution: float | None
    unknown: int


def budget_totals(budgets: Iterable[Budget]) -> BudgetTotals:
    """Known amounts added (None when no object has one); execution over objects with both amounts."""
    budgets = list(budgets)

    def known_sum(kind: str) -> Decimal | None:
        amounts = [getattr(b, kind) for b in budgets if getattr(b, kind) is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    both = [b for b in budgets if b.allocated is not None and b.spent is not None]
    allocated = sum((b.allocated for b in both), Decimal(0))
    spent = sum((b.spent for b in both), Decimal(0))
    return BudgetTotals(
        planned=known_sum("planned"),
        allocated=known_sum("allocated"),
        contracted=known_sum("contracted"),
        spent=known_sum("spent"),
        execution=float(spent / allocated) if allocated else None,
        unknown=len(budgets) - len(both),
    )
