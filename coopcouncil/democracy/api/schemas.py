"""Request and response shapes of the democracy API (published in the OpenAPI schema)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema


class MeetingOut(Schema):
    id: int
    district: str = Field(alias="partnership.district.slug")
    partnership: str = Field(alias="partnership.name")
    sub_group: str | None = Field(None, alias="sub_group.name")
    title: str
    starts_at: datetime
    venue: str
    webcast_url: str
    status: str
    question_cutoff: datetime
    papers_published_at: datetime | None
    minutes_published_at: datetime | None


class MeetingIn(Schema):
    district: str = Field(description="District slug, e.g. west-oldham")
    title: str = Field(min_length=3, max_length=200)
    starts_at: datetime
    venue: str = Field(min_length=2, max_length=200)
    webcast_url: str = ""
    sub_group_id: int | None = None


class AgendaItemOut(Schema):
    id: int
    part: int
    part_title: str = Field(alias="get_part_display")
    position: int
    title: str
    body: str
    paper_url: str
    call_in_review_of: int | None = Field(None, alias="call_in_review_of_id")


class AgendaItemIn(Schema):
    part: int = Field(
        ge=1, le=3, description="1 public questions, 2 partner updates, 3 District Executive"
    )
    title: str = Field(min_length=1, max_length=200)
    body: str = ""
    paper_url: str = ""


class AgendaPartOut(Schema):
    number: int
    title: str
    items: list[AgendaItemOut]
    questions: list[QuestionOut]


class QuestionOut(Schema):
    id: int
    meeting_id: int
    text: str
    status: str
    rejection_reason: str
    merged_into_id: int | None
    answer: str
    answered_at: datetime | None


class QuestionIn(Schema):
    text: str = Field(max_length=2000)


class ModerationIn(Schema):
    outcome: str = Field(description="accept, merge or reject")
    reason: str = Field("", description="defamatory, personal_case or not_partnership_business")
    merge_with_id: int | None = None


class AnswerIn(Schema):
    answer: str = Field(min_length=1)


class VoteOut(Schema):
    councillor_id: int
    councillor: str = Field(alias="councillor.full_name")
    choice: str


class DecisionOut(Schema):
    id: int
    district: str = Field(alias="partnership.district.slug")
    meeting_id: int | None
    title: str
    summary: str
    kind: str
    budget_pence: int
    wards: list[str]
    status: str
    published_at: datetime | None
    outcome_note: str
    votes: list[VoteOut]

    @staticmethod
    def resolve_wards(decision) -> list[str]:
        return [w.slug for w in decision.wards.all()]

    @staticmethod
    def resolve_votes(decision) -> list:
        return list(decision.votes.all())


class PartnershipDecisionIn(Schema):
    district: str
    title: str = Field(min_length=1, max_length=200)
    summary: str = ""
    kind: str = "general"
    budget_pence: int = Field(0, ge=0)
    wards: list[str] = Field(default_factory=list, description="Ward slugs")
    meeting_id: int | None = None


class DecisionVoteIn(Schema):
    councillor_id: int
    choice: str = Field(description="for, against or abstain")


class DecisionOutcomeIn(Schema):
    outcome: str = Field(description="confirmed, amended or withdrawn")
    note: str = ""


class WardCount(Schema):
    ward: str
    signatures: int


class CallInOut(Schema):
    decision_id: int
    status: str
    signature_count: int
    threshold: int
    opens_at: datetime
    closes_at: datetime
    threshold_reached_at: datetime | None
    review_meeting_id: int | None
    outcome: str
    by_ward: list[WardCount]


class SignatureIn(Schema):
    show_name: bool = False


class SuspectSignatureOut(Schema):
    """A signature in a suspicious batch, as the clerk sees it (never public)."""

    id: int
    signer_id: int
    name: str = Field(alias="signer.full_name")
    email: str = Field(alias="signer.email")
    ward: str = Field(alias="ward.name")
    signed_at: datetime


class SuspiciousBatchOut(Schema):
    kind: str
    label: str
    signatures: list[SuspectSignatureOut]


class SignatureRemovalIn(Schema):
    signature_ids: list[int]
    reason: str


class SignatureRemovalOut(Schema):
    removed: int
    signature_count: int
    is_suspension_reversed: bool


class SignatureOut(Schema):
    id: int
    name: str | None
    ward: str = Field(alias="ward.name")
    signed_at: datetime

    @staticmethod
    def resolve_name(signature) -> str | None:
        return signature.signer.full_name if signature.show_name else None


class EligibilityOut(Schema):
    councillor_id: int = Field(alias="user_id")
    councillor: str
    ward: str
    district: str
    modules_attended: int
    modules_held: int
    modules_required: int
    modules_total: int
    is_eligible: bool
    programme: str
    basis: str = Field(
        description="Which form of the rule applied: held_so_far, previous_year,"
        " no_module_held or no_programme"
    )
    reason: str


AgendaPartOut.model_rebuild()


# --- Running the democracy: members, sub-groups, the programme and surveys ---


class CouncillorSeatOut(Schema):
    councillor_id: int = Field(alias="user_id")
    councillor: str = Field(alias="user.full_name")
    ward: str = Field(alias="ward.slug")
    start_date: date
    end_date: date | None


class MemberOut(Schema):
    id: int
    user_id: int
    name: str = Field(alias="user.full_name")
    kind: str
    title: str
    organisation_id: int | None
    organisation: str | None = Field(None, alias="organisation.name")
    start_date: date
    end_date: date | None


class MembersOut(Schema):
    councillors: list[CouncillorSeatOut]
    members: list[MemberOut]


class MemberIn(Schema):
    user_id: int
    kind: str = Field(description="district_team or partner")
    title: str = Field(min_length=1, max_length=150, description="e.g. District co-ordinator")
    organisation_id: int | None = Field(None, description="Required for partner members")
    start_date: date


class MemberEndIn(Schema):
    end_date: date


class SubGroupMeetingOut(Schema):
    id: int
    title: str
    starts_at: datetime
    venue: str
    status: str


class SubGroupOut(Schema):
    id: int
    name: str
    purpose: str
    meetings: list[SubGroupMeetingOut]

    @staticmethod
    def resolve_meetings(group) -> list:
        return list(group.meetings.all())


class SubGroupIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    purpose: str = ""


class RescheduleIn(Schema):
    starts_at: datetime
    venue: str = Field(min_length=1, max_length=200)
    webcast_url: str = ""


class CancelIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


class ModuleSessionOut(Schema):
    id: int
    module_id: int
    starts_at: datetime
    venue: str


class ModuleOut(Schema):
    id: int
    number: int
    title: str
    is_specialised: bool
    sessions: list[ModuleSessionOut] = []

    @staticmethod
    def resolve_sessions(module) -> list:
        return list(module.sessions.all())


class ProgrammeYearOut(Schema):
    id: int
    title: str
    starts_on: date
    ends_on: date
    modules: list[ModuleOut] = []

    @staticmethod
    def resolve_modules(year) -> list:
        return list(year.modules.all())


class ProgrammeYearIn(Schema):
    title: str = Field(min_length=1, max_length=150)
    starts_on: date
    ends_on: date


class ModuleIn(Schema):
    number: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=200)
    is_specialised: bool = False


class ModuleSessionIn(Schema):
    starts_at: datetime
    venue: str = Field("", max_length=200)


class AttendanceIn(Schema):
    councillor_ids: list[int]


class AttendanceOut(Schema):
    session_id: int
    councillor_ids: list[int]


class PulseQuestionIn(Schema):
    text: str = Field(min_length=1, max_length=250)
    kind: str = Field("scale", description="scale (1–5) or yes_no")


class PulseQuestionOut(Schema):
    id: int
    text: str
    kind: str


class PulseSurveyIn(Schema):
    district: str = Field(description="District slug")
    title: str = Field(min_length=1, max_length=200)
    audience: str = Field(description="residents or councillors")
    opens_at: datetime
    closes_at: datetime
    questions: list[PulseQuestionIn] = Field(min_length=1, max_length=10)


class PulseSurveyOut(Schema):
    id: int
    district: str = Field(alias="partnership.district.slug")
    title: str
    audience: str
    opens_at: datetime
    closes_at: datetime
    questions: list[PulseQuestionOut]

    @staticmethod
    def resolve_questions(survey) -> list:
        return list(survey.questions.all())


class FeedbackRoundIn(Schema):
    subject_id: int = Field(description="The Leader or Cabinet member (a councillor)")
    subject_role: str = Field(min_length=1, max_length=120)
    opens_at: datetime
    closes_at: datetime


class FeedbackRoundOut(Schema):
    id: int
    subject_id: int
    subject: str = Field(alias="subject.full_name")
    subject_role: str
    opens_at: datetime
    closes_at: datetime


class PaperOut(Schema):
    """A meeting paper; ``is_late`` and ``clear_working_days`` are null for drafts and minutes."""

    id: int
    meeting_id: int
    kind: str
    title: str
    content_type: str
    extension: str
    size_bytes: int
    published_at: datetime | None
    url: str
    clear_working_days: int | None
    is_late: bool | None
