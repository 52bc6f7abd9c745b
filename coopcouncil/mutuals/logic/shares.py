"""Community share offers: allocating an oversubscribed offer, and the capped annual interest.

**The allocation rule, stated once** (amounts in whole pence, applications in the order
received):

1. If the applications add up to no more than the offer, everyone gets what they asked.
2. Otherwise minimum holdings are protected: each applicant first gets the smaller of their
   request and the minimum holding. If even the minimums do not fit, they are given in
   order of application until the next would not fit; later applicants get nothing.
3. What is left of the offer is shared pro rata to what each asked above the minimum, in
   whole shares (``share_pence``), rounded down; shares left over by the rounding go one
   each to the largest remainders (earlier application first on equal remainders).

So no one gets more than they asked, no one who gets shares gets less than the minimum,
and the total never exceeds the offer.

Example: an offer of £1,000 in £1 shares, minimum £100; A asks £900, B £600, C £100.
Minimums: 100 each (300); 700 left shared over A's 800 and B's 500 above the minimum:
A 430 (430.7), B 269 (269.2), one £1 left to A (remainder .7): A 531, B 369, C 100.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal


@dataclass(frozen=True)
class ShareRequest:
    applicant: int  # the application's id; the sequence is the order received
    requested_pence: int


def allocate_shares(
    requests: Sequence[ShareRequest],
    *,
    offer_pence: int,
    min_holding_pence: int,
    share_pence: int = 100,
) -> dict[int, int]:
    """Each applicant's allocation in pence, by the rule in the module docstring."""
    if sum(r.requested_pence for r in requests) <= offer_pence:
        return {r.applicant: r.requested_pence for r in requests}
    allocation: dict[int, int] = {}
    left = offer_pence
    for r in requests:
        minimum = min(r.requested_pence, min_holding_pence)
        if minimum <= left:
            allocation[r.applicant] = minimum
            left -= minimum
        else:
            allocation[r.applicant] = 0
            left = -1  # the minimums no longer fit: later applicants get nothing
    if left <= 0:
        return allocation
    wanting = [
        r for r in requests if allocation[r.applicant] and r.requested_pence > min_holding_pence
    ]
    above = {r.applicant: r.requested_pence - allocation[r.applicant] for r in wanting}
    total_above = sum(above.values())
    shares_left = left // share_pence
    if not total_above or not shares_left:
        return allocation
    remainders: list[tuple[int, int, int]] = []
    given = 0
    for r in wanting:
        exact_shares = shares_left * above[r.applicant]
        whole, remainder = divmod(exact_shares, total_above)
        whole = min(whole, above[r.applicant] // share_pence)
        allocation[r.applicant] += whole * share_pence
        given += whole
        if (whole + 1) * share_pence <= above[r.applicant]:
            remainders.append((-remainder, len(remainders), r.applicant))
    for _, _, applicant in sorted(remainders)[: shares_left - given]:
        allocation[applicant] += share_pence
    return allocation


def annual_interest_pence(
    holding_pence: int, *, rate_percent: Decimal, cap_percent: Decimal
) -> int:
    """A year's interest on a holding at ``rate_percent``, never above the cap, rounded down."""
    rate = min(rate_percent, cap_percent)
    return int((Decimal(holding_pence) * rate / 100).to_integral_value(ROUND_DOWN))
