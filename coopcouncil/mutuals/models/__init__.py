"""Co-operatives and mutuals: the register, membership, governance, ballots, shares, spin-outs."""

from coopcouncil.mutuals.models.ballots import (
    BallotElector,
    BallotParticipation,
    BallotTally,
    Candidate,
    Election,
    ElectionElector,
    ElectionParticipation,
    ElectionRanking,
    MemberBallot,
)
from coopcouncil.mutuals.models.governance import (
    BoardSeat,
    Constituency,
    GovernancePaper,
    Representative,
)
from coopcouncil.mutuals.models.register import (
    Member,
    MemberClass,
    MembershipClass,
    Mutual,
    MutualService,
)
from coopcouncil.mutuals.models.shares import InterestYear, ShareApplication, ShareOffer
from coopcouncil.mutuals.models.spinouts import SpinOut, SpinOutStage

__all__ = [
    "BallotElector",
    "BallotParticipation",
    "BallotTally",
    "BoardSeat",
    "Candidate",
    "Constituency",
    "Election",
    "ElectionElector",
    "ElectionParticipation",
    "ElectionRanking",
    "GovernancePaper",
    "InterestYear",
    "Member",
    "MemberBallot",
    "MemberClass",
    "MembershipClass",
    "Mutual",
    "MutualService",
    "Representative",
    "ShareApplication",
    "ShareOffer",
    "SpinOut",
    "SpinOutStage",
]
