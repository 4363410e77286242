"""Money in tenge: exact decimals, never negative, never infinite."""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tracker.domain.enums import FundingSource
from tracker.domain.errors import RuleViolation

Tenge = Annotated[Decimal, Field(ge=0, max_digits=17, decimal_places=2, allow_inf_nan=False)]


class Budget(BaseModel):
    """Planned → allocated → contracted → spent, in ₸, for one object."""

    model_config = ConfigDict(extra="forbid")

    planned: Tenge = Decimal(0)
    allocated: Tenge = Decimal(0)
    contracted: Tenge = Decimal(0)
    spent: Tenge = Decimal(0)
    funding_source: FundingSource = FundingSource.LOCAL
    overrun: bool = False

    @model_validator(mode="after")
    def _money_invariants(self) -> "Budget":
        check_overrun(self.spent, self.allocated, self.overrun)
        return self

    @property
    def execution(self) -> float | None:
        """Financial progress: spent ÷ allocated, or None when nothing is allocated."""
        return float(self.spent / self.allocated) if self.allocated else None


def check_overrun(spent: Decimal, allocated: Decimal, overrun: bool) -> None:
    """Spent may exceed allocated only when the overrun is flagged."""
    if spent > allocated and not overrun:
        raise RuleViolation("budget.overrun", spent=spent, allocated=allocated)
