from coopcouncil.membership.models.deal import Benefit, BenefitClaim, Membership, PledgeTaken
from coopcouncil.membership.models.energy import (
    AuctionResult,
    EnergyOffer,
    HouseholdRegistration,
    SupplierBid,
    SupplierBidPrice,
    SwitchingRound,
)

__all__ = [
    "AuctionResult",
    "Benefit",
    "BenefitClaim",
    "EnergyOffer",
    "HouseholdRegistration",
    "Membership",
    "PledgeTaken",
    "SupplierBid",
    "SupplierBidPrice",
    "SwitchingRound",
]
