"""Whether a bid may be received: on time, with the mandatory conditions, with real numbers.

A bid is refused, with a message saying which rule, when it arrives after the deadline, when
it does not commit to paying the real Living Wage to staff and subcontractors, when it does
not accept the local economic benefit clauses, when its price is not a positive amount, or
when a social value quantity is negative or not a number. Quantities are read as decimals
(never floats) with at most two decimal places, so 2.5 FTE and £12,000.50 of local spend are
exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from coopcouncil.procurement.logic.problems import Problem

__all__ = ["MAX_QUANTITY", "BidTerms", "bid_problems", "quantity_read"]

# What the records hold: twelve digits before the point.
MAX_QUANTITY = Decimal(10**12)


@dataclass(frozen=True)
class BidTerms:
    """A bid as the supplier sent it: quantities are still text, keyed by measure code."""

    submitted_at: datetime
    deadline: datetime
    price_pence: int
    pays_real_living_wage: bool
    accepts_local_clauses: bool
    quantities: Mapping[str, str]


def quantity_read(text: object) -> Decimal:
    """A social value quantity: a finite decimal, at least 0, at most two decimal places.

    Raises ``ValueError`` with the message the supplier is shown.
    """
    cleaned = str(text).strip().replace(",", "")
    try:
        quantity = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number.") from None
    if not quantity.is_finite():
        raise ValueError(f"'{text}' is not a number.")
    if quantity < 0:
        raise ValueError("A quantity cannot be negative.")
    if quantity >= MAX_QUANTITY:
        raise ValueError("That quantity is too large.")
    if quantity != quantity.quantize(Decimal("0.01")):
        raise ValueError("Give at most two decimal places.")
    return quantity


def bid_problems(terms: BidTerms, *, known_measures: frozenset[str]) -> list[Problem]:
    """Every rule the bid breaks; empty means it is received.

    Codes: ``bid_after_deadline``, ``living_wage_required``, ``local_clauses_required``,
    ``price_not_positive``, ``measure_unknown``, ``quantity_invalid``.
    """
    problems = []
    if terms.submitted_at > terms.deadline:
        problems.append(
            Problem("bid_after_deadline", "__all__", "The deadline for this tender has passed.")
        )
    if not terms.pays_real_living_wage:
        problems.append(
            Problem(
                "living_wage_required",
                "pays_real_living_wage",
                "Bids must commit to paying at least the real Living Wage to staff and "
                "subcontractors.",
            )
        )
    if not terms.accepts_local_clauses:
        problems.append(
            Problem(
                "local_clauses_required",
                "accepts_local_clauses",
                "Bids must accept the local economic benefit clauses.",
            )
        )
    if terms.price_pence <= 0:
        problems.append(Problem("price_not_positive", "price", "The price must be above £0."))
    for code, text in terms.quantities.items():
        if code not in known_measures:
            problems.append(
                Problem("measure_unknown", f"quantity_{code}", f"There is no measure '{code}'.")
            )
            continue
        try:
            quantity_read(text)
        except ValueError as error:
            problems.append(Problem("quantity_invalid", f"quantity_{code}", str(error)))
    return problems
