"""Negotiated autonomy: districts' requests for powers, and the ladder of devolution."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from coopcouncil.budgets.models.allocations import Allocation, ServiceBudgetLine
from coopcouncil.places.models import District

USER = settings.AUTH_USER_MODEL


class LadderRung(models.TextChoices):
    INFORMATION = "information", "Information"
    CONSULTATION = "consultation", "Consultation"
    CO_PRODUCTION = "co_production", "Co-production"
    DEVOLVED_CONTROL = "devolved_control", "Devolved control"


class AutonomyRequest(models.Model):
    """A district partnership asks the centre for a power or a budget line, and the answer."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        ASSESSED = "assessed", "Assessed"
        GRANTED = "granted", "Granted by Cabinet"
        REFUSED = "refused", "Refused by Cabinet"

    class Recommendation(models.TextChoices):
        DEVOLVE = "devolve", "Devolve"
        NOT_YET = "not yet", "Not yet"

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="autonomy_requests"
    )
    title = models.CharField(max_length=200, help_text="The power or budget asked for")
    line = models.ForeignKey(
        ServiceBudgetLine, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    justification = models.TextField(help_text="Why the district should hold it")
    amount_pence = models.BigIntegerField(default=0)
    outcomes_promised = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    requested_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    # The assessment: figures gathered, the assessor's inputs and the recommendation.
    pulse_survey_score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    is_risk_assessment_passed = models.BooleanField(null=True, blank=True)
    risk_assessment_note = models.TextField(blank=True)
    reasons_failure_matters = models.JSONField(default=dict, blank=True)
    commentary = models.JSONField(
        default=dict, blank=True, help_text="The assessor's note beside each computed figure"
    )
    scorecard = models.JSONField(default=dict, blank=True)
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True)
    recommendation_reason = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    # Cabinet's decision.
    cabinet_reason = models.TextField(blank=True)
    granted_amount_pence = models.BigIntegerField(null=True, blank=True)
    cabinet_decided_on = models.DateField(null=True, blank=True)
    cabinet_recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    devolved_allocation = models.ForeignKey(
        Allocation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The adopted version that moved the named line's money to the district",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gte=0), name="request_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.district}: {self.title}"


class AutonomyThreshold(models.Model):
    """One agreed bar for one benchmark, for a district or (no district) the borough default.

    Never edited: a renegotiated bar is a new row, so the history of who set which bar,
    when and why stays published. The latest row in force is the newest for the district,
    then for the borough, then the council's policy setting.
    """

    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    benchmark = models.CharField(max_length=30)
    value = models.DecimalField(max_digits=9, decimal_places=2)
    reason = models.TextField(help_text="What was agreed, and where (published)")
    set_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["-set_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="threshold_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.district or 'Borough'}: {self.benchmark} {self.value}"


class LadderPlacement(models.Model):
    """Where a council service sits on the devolution ladder, and why it goes no further."""

    service = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(unique=True)
    rung = models.CharField(max_length=20, choices=LadderRung.choices)
    reason_not_further = models.TextField(
        blank=True, help_text="Required unless the service is under devolved control"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service"]

    def __str__(self) -> str:
        return f"{self.service}: {self.get_rung_display()}"


class LadderChallenge(models.Model):
    """A challenge to a service's place on the ladder, and the council's published answer."""

    class Status(models.TextChoices):
        OPEN = "open", "Awaiting an answer"
        UPHELD = "upheld", "Upheld: the service moved"
        NOT_UPHELD = "not_upheld", "Not upheld"

    placement = models.ForeignKey(
        LadderPlacement, on_delete=models.CASCADE, related_name="challenges"
    )
    challenger = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    challenger_name = models.CharField(max_length=150, help_text="Published with the challenge")
    proposed_rung = models.CharField(max_length=20, choices=LadderRung.choices)
    argument = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Challenge to {self.placement}: move to {self.get_proposed_rung_display()}"
