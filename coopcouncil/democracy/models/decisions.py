"""Decisions of a District Executive, councillors' votes, and community call-in."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from coopcouncil.democracy.models.meetings import AgendaItem, Meeting
from coopcouncil.democracy.models.partnerships import DistrictPartnership
from coopcouncil.places.models import District, Ward

USER = settings.AUTH_USER_MODEL


class Decision(models.Model):
    """A formal decision of a partnership's District Executive.

    Decisions that commit money or award grants may only be voted on by councillors eligible
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
        # Budgets' commitments read the decisions in force by status, and the register
        # leaves drafts out by it.
        indexes = [models.Index(fields=["status"], name="democracy_decision_status")]
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
        """Whether only councillors eligible under the Local Leaders Programme may vote.

        Any decision that commits money does, whatever kind the clerk chose: otherwise a
        budget filed as "general" would let an ineligible councillor vote on it.
        """
        return self.budget_pence > 0 or self.kind in (self.Kind.BUDGET, self.Kind.GRANT_AWARD)

    @property
    def voting_day(self) -> date:
        """The day eligibility is judged: the meeting's, or today for a decision with none."""
        if self.meeting is not None:
            return timezone.localdate(self.meeting.starts_at)
        return timezone.localdate()


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
