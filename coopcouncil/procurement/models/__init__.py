"""Procurement's records: the measures catalogue, commissioning and tenders, contracts."""

from coopcouncil.procurement.models.catalogue import Measure, MeasureOutcome, MeasureTheme
from coopcouncil.procurement.models.contracts import (
    Commitment,
    Contract,
    QuarterlyReturn,
    Quote,
    ReturnLine,
)
from coopcouncil.procurement.models.tenders import (
    Bid,
    CommissioningExercise,
    ModeratedScore,
    PanelMember,
    QualityCriterion,
    QualityScore,
    SocialValueOffer,
    Tender,
    TenderLot,
)

__all__ = [
    "Bid",
    "Commitment",
    "CommissioningExercise",
    "Contract",
    "Measure",
    "MeasureOutcome",
    "MeasureTheme",
    "ModeratedScore",
    "PanelMember",
    "QualityCriterion",
    "QualityScore",
    "QuarterlyReturn",
    "Quote",
    "ReturnLine",
    "SocialValueOffer",
    "Tender",
    "TenderLot",
]
