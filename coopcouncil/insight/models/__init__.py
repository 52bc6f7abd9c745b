from coopcouncil.insight.models.commitments import Commitment, CommitmentStatus, Milestone
from coopcouncil.insight.models.outcomes import (
    ActivityLink,
    EvidenceStrength,
    Indicator,
    Measurement,
    Outcome,
)
from coopcouncil.insight.models.participation import ParticipationFigure, ParticipationRole
from coopcouncil.insight.models.principles import (
    PRODUCTIVITY_QUESTIONS,
    Principle,
    PrinciplesVersion,
    PrincipleTag,
    ServiceAssessment,
)
from coopcouncil.insight.models.standards import Standard, StandardPerformance

__all__ = [
    "PRODUCTIVITY_QUESTIONS",
    "ActivityLink",
    "Commitment",
    "CommitmentStatus",
    "EvidenceStrength",
    "Indicator",
    "Measurement",
    "Milestone",
    "Outcome",
    "ParticipationFigure",
    "ParticipationRole",
    "Principle",
    "PrinciplesVersion",
    "PrincipleTag",
    "ServiceAssessment",
    "Standard",
    "StandardPerformance",
]
