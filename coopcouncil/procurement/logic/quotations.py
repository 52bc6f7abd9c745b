"""Delegated limits: when a district manager may award after quotations instead of a tender.

Under the council's threshold (policy ``COOPCOUNCIL_QUOTATION_THRESHOLD_PENCE``) a district
manager may award to a local supplier after a recorded quotation process: three quotes, or a
stated reason why fewer were possible (a sole local provider, say). At or above it a full
tender is required. The award must go to one of the quotes received, and to a local
supplier: an organisation based in one of the borough's districts (its recorded district,
``people.Organisation.district``), so small contracts keep the money in the borough (the
council's local economic benefit policy). Other organisations may still quote.
"""

from __future__ import annotations

from collections.abc import Sequence

from coopcouncil.procurement.logic.problems import Problem

__all__ = ["QUOTES_REQUIRED", "quotation_problems"]

QUOTES_REQUIRED = 3


def quotation_problems(
    *,
    value_pence: int,
    threshold_pence: int,
    quotes_pence: Sequence[int],
    winning_quote_pence: int,
    reason: str,
    is_supplier_local: bool,
) -> list[Problem]:
    """Every rule the quotation award breaks; empty means the manager may award it.

    Codes: ``above_delegated_limit``, ``quotes_required``, ``quote_invalid``,
    ``award_not_a_quote``, ``supplier_not_local``.
    """
    problems = []
    if value_pence >= threshold_pence:
        problems.append(
            Problem(
                "above_delegated_limit",
                "value",
                f"Contracts of £{threshold_pence // 100:,} or more need a full tender.",
            )
        )
    if any(amount <= 0 for amount in quotes_pence):
        problems.append(Problem("quote_invalid", "quotes", "Each quote must be above £0."))
    if len(quotes_pence) < QUOTES_REQUIRED and not reason.strip():
        problems.append(
            Problem(
                "quotes_required",
                "reason",
                f"Record {QUOTES_REQUIRED} quotes, or say why fewer were possible.",
            )
        )
    if winning_quote_pence != value_pence:
        problems.append(
            Problem("award_not_a_quote", "value", "Award the amount the chosen supplier quoted.")
        )
    if not is_supplier_local:
        problems.append(
            Problem(
                "supplier_not_local",
                "supplier",
                "Award after quotations only to a local supplier: an organisation based in "
                "one of the borough's districts. Otherwise run a tender.",
            )
        )
    return problems
