"""Bar charts drawn on the server: each bar's length in proportion to the largest value.

Worked example: values 2, 5, 0 in 200 units → 80, 200, 0; all zeros → all 0 (no division).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["bar_lengths"]


def bar_lengths(values: Sequence[int | Decimal], width: int) -> list[int]:
    """Each value's bar length in whole units of ``width``, the largest filling it."""
    largest = max(values, default=0)
    if largest <= 0:
        return [0 for _ in values]
    return [
        int(
            (Decimal(value) * width / Decimal(largest)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        )
        if value > 0
        else 0
        for value in values
    ]
