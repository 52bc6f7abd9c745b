"""Local democracy: district partnerships, meetings, questions, decisions and call-in,
the Local Leaders Programme, annual reports, 360-degree feedback and pulse surveys.

Councillors are voting members of their district's partnership by virtue of their
ward role (``people.RoleAssignment``); that membership is derived, never copied here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from coopcouncil.people.models import Organisation
from coopcouncil.places.models import District, Ward

USER = settings.AUTH_USER_MODEL


# --- Partnerships and meetings ------------------------------------------------------------


class DistrictPartnership(models.Model):
    """The body that takes decisions for one district: one per District."""

    district = models.OneToOneField(District, on_delete=models.PROTECT, related_name="partnership")
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["district__name"]

    def __str__(self) -> str:
        return self.name


class PartnershipMember(models.Model):
    """A district team officer or partner representative sitting on a partnership.

    Dated so that the membership on any past meeting day can be shown; changes are
    kept by django-simple-history and audited by the services.
    """

    class Kind(models.TextChoices):
        DISTRICT_TEAM = "district_team", "District team"
        PARTNER = "partner", "Partner member"

    partnership = models.ForeignKey(
        DistrictPartnership, on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="partnership_seats")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=150, help_text="e.g. District co-ordinator")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="partnership_member_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.title}"


class SubGroup(models.Model):
    """A sub-committee of a partnership (finance sub-committee, commissioning group)."""

    partnership = models.ForeignKey(
        DistrictPartnership, on_delete=models.CASCADE, related_name="sub_groups"
    )
    name = models.CharField(max_length=150)
    purpose = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="sub_group_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.partnership})"


class Meeting(models.Model):
    """A public meeting of a partnership, or of one of its sub-groups."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    partnership = models.ForeignKey(
        DistrictPartnership, on_delete=models.PROTECT, related_name="meetings"
    )
    sub_group = models.ForeignKey(
        SubGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField(db_index=True)
    venue = models.CharField(max_length=200)
    webcast_url = models.URLField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    papers_published_at = models.DateTimeField(null=True, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    minutes_notes = models.TextField(blank=True)
    public_attendees = models.PositiveIntegerField(
        default=0, help_text="Members of the public present, recorded in the minutes."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d %b %Y})"

    @property
    def is_sub_group_meeting(self) -> bool:
        return self.sub_group_id is not None


class AgendaItem(models.Model):
    """One item on an agenda. Every agenda has the same three parts, in this order."""

    class Part(models.IntegerChoices):
        PUBLIC_QUESTIONS = 1, "Public questions"
        PARTNER_UPDATES = 2, "Partner updates"
        DISTRICT_EXECUTIVE = 3, "District Executive"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    part = models.PositiveSmallIntegerField(choices=Part.choices)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    paper_url = models.URLField(blank=True)
    call_in_review_of = models.ForeignKey(
        "Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="review_items"
    )

    class Meta:
        ordering = ["part", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_part_display()}: {self.title}"


class MeetingAttendance(models.Model):
    """Who was present at a meeting (or sent apologies), as minuted."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="meeting_attendance")
    is_present = models.BooleanField(default=True)
    capacity = models.CharField(max_length=80, blank=True, help_text="e.g. Councillor, Police")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.meeting}"


class InterestDeclaration(models.Model):
    """A member's declaration of interest, minuted against a meeting (and item)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interest = models.TextField()

    def __str__(self) -> str:
        return f"{self.user}: {self.interest[:40]}"


class Question(models.Model):
    """A resident's public question to a meeting, moderated by the clerk."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for moderation"
        ACCEPTED = "accepted", "Accepted"
        MERGED = "merged", "Merged with a similar question"
        REJECTED = "rejected", "Rejected"

    class RejectionReason(models.TextChoices):
        DEFAMATORY = "defamatory", "Defamatory"
        PERSONAL_CASE = "personal_case", "A personal case (please contact your councillor)"
        NOT_PARTNERSHIP_BUSINESS = "not_partnership_business", "Not the partnership's business"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="questions")
    asker = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="public_questions")
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    rejection_reason = models.CharField(max_length=30, choices=RejectionReason.choices, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_questions"
    )
    moderated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="rejected_question_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="merged_question_has_target",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


# --- Decisions and community call-in ------------------------------------------------------


class Decision(models.Model):
    """A formal decision of a partnership's District Executive.

    Budget decisions and grant awards may only be voted on by councillors eligible
    under the Local Leaders Programme rule. Once published, residents may call it in.
    """

    class Kind(models.TextChoices):
        GENERAL = "general", "General"
        BUDGET = "budget", "Budget"
        GRANT_AWARD = "grant_award", "Grant award"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        SUSPENDED = "suspended", "Suspended: called in for review"
        CONFIRMED = "confirmed", "Confirmed after review"
        AMENDED = "amended", "Amended after review"
        WITHDRAWN = "withdrawn", "Withdrawn after review"

    partnership = models.ForeignKey(
        DistrictPartnership, on_delete=models.PROTECT, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    budget_pence = models.BigIntegerField(default=0)
    wards = models.ManyToManyField(Ward, blank=True, related_name="democracy_decisions")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.GENERAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    outcome_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[wards])

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_pence__gte=0), name="decision_budget_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def district(self) -> District:
        return self.partnership.district

    @property
    def needs_eligible_voters(self) -> bool:
        return self.kind in (self.Kind.BUDGET, self.Kind.GRANT_AWARD)


class Vote(models.Model):
    """One councillor's recorded vote on a decision (named in the minutes)."""

    class Choice(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "against", "Against"
        ABSTAIN = "abstain", "Abstain"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    councillor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="decision_votes")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        ordering = ["councillor__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "councillor"], name="one_vote_per_decision")
        ]

    def __str__(self) -> str:
        return f"{self.councillor}: {self.choice}"


class CallInPetition(models.Model):
    """Residents' petition to call a published decision in for review.

    The count is the number of signature rows, so it is exact by construction; the
    unique constraint on signatures stops doubles. No counter is kept on this row: a
    hot row locked until each durable commit would let only one signer commit at a time.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open for signatures"
        THRESHOLD_REACHED = "threshold_reached", "Threshold reached: decision suspended"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", "Decision confirmed"
        AMENDED = "amended", "Decision amended"
        WITHDRAWN = "withdrawn", "Decision withdrawn"

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="call_in")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    threshold = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    threshold_reached_at = models.DateTimeField(null=True, blank=True)
    review_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Call-in of {self.decision}"

    @property
    def signature_count(self) -> int:
        return self.signatures.count()


class CallInSignature(models.Model):
    """One verified resident's signature; one per person per petition (DB-enforced)."""

    petition = models.ForeignKey(
        CallInPetition, on_delete=models.CASCADE, related_name="signatures"
    )
    signer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="call_in_signatures")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    show_name = models.BooleanField(default=False)
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "signer"], name="one_signature_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.signer} signed {self.petition}"


# --- Local Leaders Programme ---------------------------------------------------------------


class ProgrammeYear(models.Model):
    """One year of the Local Leaders Programme; its core modules set the 50 % rule."""

    title = models.CharField(max_length=150)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    """A module of a programme year. Specialised modules (e.g. for chairs) are optional
    and do not count towards voting eligibility."""

    programme = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="modules")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    is_specialised = models.BooleanField(default=False)

    class Meta:
        ordering = ["programme", "is_specialised", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="module_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ModuleSession(models.Model):
    """A dated session of a module; attending any session of a module attends it."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.module} — {self.starts_at:%d %b %Y}"


class SessionAttendance(models.Model):
    """A councillor attended a programme session."""

    session = models.ForeignKey(ModuleSession, on_delete=models.CASCADE, related_name="attendance")
    councillor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="llp_attendance")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "councillor"], name="llp_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.councillor} at {self.session}"


class AnnualReport(models.Model):
    """A councillor's yearly report; the figures in it are read live from the system."""

    councillor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField()
    ward_work = models.TextField(help_text="What you did in your ward this year.")
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["councillor", "year"], name="one_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.councillor} — {self.year}"


# --- 360-degree feedback and pulse surveys -------------------------------------------------


class FeedbackRound(models.Model):
    """A 360-degree feedback round about the Leader or a Cabinet member."""

    subject = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="feedback_rounds")
    subject_role = models.CharField(max_length=120, help_text="e.g. Leader of the Council")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()

    class Meta:
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return f"360 feedback: {self.subject} ({self.subject_role})"


class FeedbackResponse(models.Model):
    """Anonymous ratings: no link to the respondent, only their group."""

    class Group(models.TextChoices):
        COUNCILLOR = "councillor", "Councillors"
        OFFICER = "officer", "Officers"
        PARTNER = "partner", "Partners"

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="responses")
    respondent_group = models.CharField(max_length=12, choices=Group.choices)
    ratings = models.JSONField(help_text="{competency: 1..5}")

    def __str__(self) -> str:
        return f"Response to {self.round_id}"


class FeedbackReceipt(models.Model):
    """Records that a person has responded (to stop doubles) without saying what."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="receipts")
    respondent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "respondent"], name="one_feedback_per_round")
        ]

    def __str__(self) -> str:
        return f"Receipt for round {self.round_id}"


class PulseSurvey(models.Model):
    """A short survey of a district's residents or councillors, rated 1 to 5."""

    class Audience(models.TextChoices):
        RESIDENTS = "residents", "Residents"
        COUNCILLORS = "councillors", "Councillors"

    partnership = models.ForeignKey(
        DistrictPartnership, on_delete=models.CASCADE, related_name="pulse_surveys"
    )
    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=12, choices=Audience.choices)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()

    class Meta:
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title


class PulseQuestion(models.Model):
    """One question of a pulse survey, answered on a 1–5 scale or with yes or no.

    A yes is stored as 5 and a no as 1, so every answer sits on the same scale and the
    district's pulse score counts a yes as full agreement.
    """

    class Kind(models.TextChoices):
        SCALE = "scale", "1 to 5 scale"
        YES_NO = "yes_no", "Yes or no"

    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=250)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.SCALE)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class PulseAnswer(models.Model):
    """One rating (1–5; yes 5, no 1) of one question; answers carry no respondent."""

    question = models.ForeignKey(PulseQuestion, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField()
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="pulse_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rating} to question {self.question_id}"


class PulseReceipt(models.Model):
    """Records that a person has answered a survey, separately from the answers."""

    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="receipts")
    respondent = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent"], name="one_pulse_per_person")
        ]

    def __str__(self) -> str:
        return f"Receipt for survey {self.survey_id}"
