"""The co-production dividend: a group's share of the savings its co-production makes.

When the council verifies a saving (say £10,000 a year from a group taking on a park's
grounds maintenance), ``share_percent`` of it (50 % by default) is credited to the group's
ledger, to put towards future bids. The ledger is append-only; the balance is credits minus
spends, to the penny, and a spend larger than the balance is refused, so it never goes
below zero.

    credit_for(1_000_001, 50) == 500_000   (half a penny is not credited)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CREDIT = "credit"
SPEND = "spend"


@dataclass(frozen=True)
class LedgerEntry:
    kind: str
    amount_pence: int


def credit_for(saving_pence: int, share_percent: int) -> int:
    """The dividend credited for a verified saving, rounded down to the penny."""
    if saving_pence <= 0:
        raise ValueError("A saving must be more than £0.00.")
    if not 0 <= share_percent <= 100:
        raise ValueError("The dividend share is a percentage from 0 to 100.")
    return saving_pence * share_percent // 100


def balance(entries: Iterable[LedgerEntry]) -> int:
    """Credits minus spends."""
    total = 0
    for entry in entries:
        if entry.amount_pence <= 0:
            raise ValueError("A ledger entry is always more than £0.00.")
        total += entry.amount_pence if entry.kind == CREDIT else -entry.amount_pence
    return total


def spend_problem(current_balance: int, amount_pence: int) -> str | None:
    """Why this spend cannot be made, or None; a balance never goes negative."""
    if amount_pence <= 0:
        return "A spend must be more than £0.00."
    if amount_pence > current_balance:
        return "The group's dividend balance is smaller than this."
    return None
