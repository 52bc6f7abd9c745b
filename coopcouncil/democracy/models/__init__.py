"""Local democracy: district partnerships, meetings, questions, decisions and call-in,
the Local Leaders Programme, annual reports, 360-degree feedback and pulse surveys.

Councillors are voting members of their district's partnership by virtue of their
ward role (``people.RoleAssignment``); that membership is derived, never copied here.

Every model is imported here so Django registers it and code imports it from
``coopcouncil.democracy.models``.
"""

from coopcouncil.democracy.models.accountability import (
    AnnualReport,
    FeedbackReceipt,
    FeedbackResponse,
    FeedbackRound,
    PulseAnswer,
    PulseQuestion,
    PulseReceipt,
    PulseSurvey,
)
from coopcouncil.democracy.models.decisions import (
    CallInPetition,
    CallInSignature,
    Decision,
    Vote,
)
from coopcouncil.democracy.models.leaders import (
    Module,
    ModuleSession,
    ProgrammeYear,
    SessionAttendance,
)
from coopcouncil.democracy.models.meetings import (
    AgendaItem,
    InterestDeclaration,
    Meeting,
    MeetingAttendance,
    Question,
)
from coopcouncil.democracy.models.papers import MeetingPaper
from coopcouncil.democracy.models.partnerships import (
    DistrictPartnership,
    PartnershipMember,
    SubGroup,
)

__all__ = [
    "AgendaItem",
    "AnnualReport",
    "CallInPetition",
    "CallInSignature",
    "Decision",
    "DistrictPartnership",
    "FeedbackReceipt",
    "FeedbackResponse",
    "FeedbackRound",
    "InterestDeclaration",
    "Meeting",
    "MeetingAttendance",
    "MeetingPaper",
    "Module",
    "ModuleSession",
    "PartnershipMember",
    "ProgrammeYear",
    "PulseAnswer",
    "PulseQuestion",
    "PulseReceipt",
    "PulseSurvey",
    "Question",
    "SessionAttendance",
    "SubGroup",
    "Vote",
]
