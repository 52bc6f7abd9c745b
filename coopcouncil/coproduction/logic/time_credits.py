"""Time credits: one confirmed hour of volunteering earns one credit, spent on partners' offers.

Credits are whole: a confirmed 2.5 hours earns 2 credits, because partners price their offers
in whole credits (Tempo's model). The ledger is append-only: earning and spending are entries,
and a balance is their sum, which may never fall below zero.

Redemption codes are shown to the resident once spent and typed in by the partner; they use
an alphabet with no look-alike characters (no 0/O, 1/I/L) so a code read aloud is typed right.
"""

from __future__ import annotations

import secrets
from decimal import ROUND_FLOOR, Decimal

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "credits_for_hours",
    "redemption_code_clean",
    "redemption_code_new",
    "spend_problem",
]

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def credits_for_hours(hours: Decimal) -> int:
    """Whole credits for confirmed hours: one per whole hour (2.5 hours earn 2)."""
    if hours <= 0:
        return 0
    return int(hours.to_integral_value(rounding=ROUND_FLOOR))


def spend_problem(*, balance: int, cost: int) -> str | None:
    """``not_enough_credits`` when spending ``cost`` would take the balance below zero."""
    if cost <= 0:
        return "cost_not_positive"
    if balance < cost:
        return "not_enough_credits"
    return None


def redemption_code_new() -> str:
    """A fresh, unguessable code of ``CODE_LENGTH`` characters (about 40 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def redemption_code_clean(text: str) -> str:
    """The code as stored: upper case, spaces and dashes dropped ("abcd-efgh" → "ABCDEFGH")."""
    return "".join(ch for ch in text.upper() if ch not in " -")
