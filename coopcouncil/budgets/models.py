"""Devolved money: budget lines and their formulas, allocations, monitoring, autonomy, ward budgets.

Money is integer pence (``BigIntegerField``). Financial years are written "2026/27". Adopted
allocations are never edited: adopting a new formula publishes a new version beside the old.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from coopcouncil.people.models import Organisation
from coopcouncil.places.models import District, Ward

USER = settings.AUTH_USER_MODEL

#: Ward figures a formula may use to measure need (the ``places.Ward`` fields of that name).
WARD_INDICATORS = {
    "imd_score": "Index of multiple deprivation score",
    "unemployment_rate": "Unemployment rate (%)",
    "under16_share": "Share of residents under 16 (%)",
    "bme_share": "Black and minority ethnic share (%)",
    "population": "Population",
}
INDICATOR_CHOICES = list(WARD_INDICATORS.items())


def _percent_text(value) -> str:
    """A weight as stored (two places), so a formula reads the same before and after saving."""
    return f"{Decimal(value):.2f}"


class ServiceBudgetLine(models.Model):
    """An annual service budget devolved across districts, e.g. Highways minor works 2026/27."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(unique=True, help_text="The line's code in spend files and the CLI")
    financial_year = models.CharField(max_length=7, help_text="e.g. 2026/27")
    amount_pence = models.BigIntegerField()
    description = models.TextField(blank=True)
    is_devolved_to_wards = models.BooleanField(
        default=False,
        help_text="Each ward holds its share of the adopted allocation (otherwise its district)",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-financial_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0), name="line_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.financial_year}"


class AllocationFormula(models.Model):
    """A published blend of equal shares, population and need, with an optional ring-fence."""

    line = models.ForeignKey(ServiceBudgetLine, on_delete=models.CASCADE, related_name="formulas")
    name = models.CharField(max_length=120)
    equal_share_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    population_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    need_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    need_indicator = models.CharField(max_length=40, blank=True, choices=INDICATOR_CHOICES)
    ring_fence_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    ring_fence_indicator = models.CharField(max_length=40, blank=True, choices=INDICATOR_CHOICES)
    ring_fence_purpose = models.CharField(max_length=150, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["line", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["line", "name"], name="formula_unique_name_per_line")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.line})"

    def as_dict(self) -> dict:
        """The formula as published and as the CLI's JSON file reads it."""
        return {
            "equal_share_percent": _percent_text(self.equal_share_percent),
            "population_percent": _percent_text(self.population_percent),
            "need_percent": _percent_text(self.need_percent),
            "need_indicator": self.need_indicator or None,
            "ring_fence_percent": _percent_text(self.ring_fence_percent),
            "ring_fence_indicator": self.ring_fence_indicator or None,
            "ring_fence_purpose": self.ring_fence_purpose,
        }


class Allocation(models.Model):
    """One run of a formula over a line: a saved scenario, or an adopted, published version.

    The formula and the ward figures are copied in, so a published allocation reads the same
    after the formula or the figures change.
    """

    class Kind(models.TextChoices):
        SCENARIO = "scenario", "Scenario"
        ADOPTED = "adopted", "Adopted"

    line = models.ForeignKey(
        ServiceBudgetLine, on_delete=models.PROTECT, related_name="allocations"
    )
    formula = models.ForeignKey(
        AllocationFormula, null=True, on_delete=models.SET_NULL, related_name="allocations"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    version = models.PositiveIntegerField(null=True, blank=True, help_text="Adopted only")
    formula_name = models.CharField(max_length=120)
    formula_snapshot = models.JSONField()
    amount_pence = models.BigIntegerField()
    ward_figures = models.JSONField(help_text="The figures the formula read, per ward code")
    note = models.TextField(blank=True, help_text="Why this formula was adopted")
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["line", "-version", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["line", "version"], name="allocation_unique_version_per_line"
            ),
            models.CheckConstraint(
                condition=Q(kind="scenario") | Q(version__isnull=False, published_at__isnull=False),
                name="adopted_allocation_is_versioned_and_published",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.ADOPTED:
            return f"{self.line} v{self.version}"
        return f"{self.line} scenario '{self.formula_name}'"


class AllocationRow(models.Model):
    """A district's (``ward`` empty) or a ward's amount in an allocation, and why."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="rows")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount_pence = models.BigIntegerField()
    explanation = models.JSONField(help_text="Each term of the formula in pence, with its reason")

    class Meta:
        ordering = ["district__name", "ward__name"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gte=0), name="row_amount_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.ward or self.district}: {self.amount_pence}p ({self.allocation})"


class Commitment(models.Model):
    """Money a district has promised from a line (an order raised, a grant awarded) but not paid."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="commitments")
    line = models.ForeignKey(
        ServiceBudgetLine, on_delete=models.PROTECT, related_name="commitments"
    )
    amount_pence = models.BigIntegerField()
    description = models.CharField(max_length=250)
    committed_on = models.DateField()
    decision = models.ForeignKey(
        "democracy.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_commitments",
        help_text="The district decision that committed the money",
    )
    ward = models.ForeignKey(
        Ward,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The ward whose share it comes from, when the commitment names one",
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-committed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="commitment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.district}: {self.amount_pence}p from {self.line} ({self.description})"


class SpendImport(models.Model):
    """One CSV file of actual spend, imported whole or not at all."""

    file_name = models.CharField(max_length=200, blank=True)
    content_sha256 = models.CharField(max_length=64, unique=True)
    row_count = models.PositiveIntegerField()
    total_pence = models.BigIntegerField()
    imported_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"Spend import {self.pk} ({self.row_count} rows, {self.file_name})"


class SpendRecord(models.Model):
    """A line of actual spend from the finance system; negative amounts are refunds."""

    spend_import = models.ForeignKey(SpendImport, on_delete=models.CASCADE, related_name="records")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="spend")
    line = models.ForeignKey(ServiceBudgetLine, on_delete=models.PROTECT, related_name="spend")
    spent_on = models.DateField()
    amount_pence = models.BigIntegerField()
    description = models.CharField(max_length=250, blank=True)
    reference = models.CharField(max_length=80, blank=True)
    ward = models.ForeignKey(
        Ward,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The ward the spend was charged to, when the finance system names one",
    )

    class Meta:
        ordering = ["spent_on", "id"]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.district}/{self.line}: {self.amount_pence}p"


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

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gte=0), name="request_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.district}: {self.title}"


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


class WardBudget(models.Model):
    """A councillor's individual budget for their ward for one financial year."""

    councillor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="ward_budgets")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="ward_budgets")
    financial_year = models.CharField(max_length=7)
    amount_pence = models.BigIntegerField()

    class Meta:
        ordering = ["ward__name", "councillor__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["councillor", "financial_year"], name="one_ward_budget_per_year"
            ),
            models.CheckConstraint(condition=Q(amount_pence__gte=0), name="ward_budget_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.councillor} — {self.ward} {self.financial_year}"


class WardBudgetAllocation(models.Model):
    """Money from a ward budget to a community group or project, with any partner money."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the district team"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    ward_budget = models.ForeignKey(
        WardBudget, on_delete=models.PROTECT, related_name="allocations"
    )
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    recipient_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_project = models.CharField(max_length=200, blank=True)
    amount_pence = models.BigIntegerField()
    purpose = models.TextField()
    residents_choice = models.CharField(
        max_length=250, blank=True, help_text="What residents chose, as recorded"
    )
    is_override_of_residents_choice = models.BooleanField(default=False)
    override_justification = models.TextField(blank=True)
    partner_name = models.CharField(max_length=150, blank=True)
    partner_co_funding_pence = models.BigIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="ward_allocation_positive"
            ),
            models.CheckConstraint(
                condition=Q(partner_co_funding_pence__gte=0), name="co_funding_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_name}: {self.amount_pence}p"

    @property
    def recipient_name(self) -> str:
        if self.recipient_organisation_id:
            return self.recipient_organisation.name
        return self.recipient_project
