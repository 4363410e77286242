"""An amount nobody gave is unknown, not zero: in the model, its rules and its totals."""

from decimal import Decimal

import pytest

from tracker.domain import Budget, RuleViolation
from tracker.domain.money import budget_totals, check_overrun

D = Decimal


def test_a_budget_given_no_amounts_knows_none_of_them():
    b = Budget()
    assert (b.planned, b.allocated, b.contracted, b.spent) == (None, None, None, None)
    assert b.execution is None
    assert Budget(allocated=D(0), spent=D(0)).execution is None  # nothing allocated: no ratio either


@pytest.mark.parametrize("spent, allocated", [(D(150), None), (None, D(100)), (None, None)])
def test_spent_over_allocated_is_only_judged_when_both_are_known(spent, allocated):
    check_overrun(spent, allocated, False)
    assert Budget(spent=spent, allocated=allocated).execution is None


def test_a_known_overrun_is_still_refused():
    with pytest.raises(RuleViolation) as refused:
        check_overrun(D(150), D(100), False)
    assert refused.value.code == "budget.overrun"


def test_totals_add_the_known_amounts_and_count_the_objects_left_out_of_execution():
    budgets = [
        Budget(planned=D(1000), allocated=D(1000), spent=D(300)),
        Budget(spent=D(450)),  # no plan, no allocation given
        Budget(planned=D(900), allocated=D(900)),  # nothing reported spent yet
        Budget(planned=D(0), allocated=D(0), spent=D(0)),  # a stated zero
    ]
    totals = budget_totals(budgets)
    assert (totals.planned, totals.allocated, totals.contracted, totals.spent) == (D(1900), D(1900), None, D(750))
    assert totals.execution == pytest.approx(0.3)  # 300 of 1000: not 750 of 1900
    assert totals.unknown == 2
    assert budget_totals([]).execution is None and budget_totals([Budget()]).unknown == 1
