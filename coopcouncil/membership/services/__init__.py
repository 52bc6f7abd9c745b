"""Writes for the membership deal and energy switching.

``membership_erase`` is the interface people's erasure calls.
"""

from coopcouncil.membership.services.deal import (
    benefit_claim,
    benefit_create,
    code_check,
    code_redeem,
    membership_erase,
    membership_join,
    pledge_keep,
    pledge_take,
)
from coopcouncil.membership.services.energy import (
    auction_hold,
    bids_import,
    cohort_load_illustrative,
    finder_fee_settle,
    household_register,
    offer_decide,
    round_create,
)

__all__ = [
    "auction_hold",
    "benefit_claim",
    "benefit_create",
    "bids_import",
    "code_check",
    "code_redeem",
    "cohort_load_illustrative",
    "finder_fee_settle",
    "household_register",
    "membership_erase",
    "membership_join",
    "offer_decide",
    "pledge_keep",
    "pledge_take",
    "round_create",
]
