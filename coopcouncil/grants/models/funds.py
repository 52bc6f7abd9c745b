"""Funds, the money they receive, and their rounds with a published scoring scheme."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcouncil.budgets.models import ServiceBudgetLine
from coopcouncil.places.models import District

USER = settings.AUTH_USER_MODEL


class Fund(models.Model):
    """A pot of money community groups bid for: borough-wide, or one district's.

    One borough-wide fund may be flagged the community fund (the Co-operative Dividend
    Fund): membership credits the energy finder's fee into it (``fund_income_record``).
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="grant_funds"
    )
    description = models.TextField(_("description"), blank=True)
    is_community_fund = models.BooleanField(default=False)
    # Approved payments are recorded as commitments against this line (budget monitoring).
    budget_line = models.ForeignKey(
        ServiceBudgetLine, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_community_fund"],
                condition=Q(is_community_fund=True),
                name="one_community_fund",
            ),
            models.CheckConstraint(
                condition=Q(is_community_fund=False) | Q(district__isnull=True),
                name="community_fund_is_borough_wide",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_borough_wide(self) -> bool:
        return self.district_id is None


class FundIncome(models.Model):
    """Money paid into a fund. Append-only: a correction is another row, never an edit.

    ``(fund, source, reference)`` is unique, so a payer retrying the same payment (the
    energy finder's fee, a clawback) cannot credit it twice.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="income")
    amount_pence = models.BigIntegerField()
    source = models.CharField(max_length=60)
    reference = models.CharField(max_length=120)
    received_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "source", "reference"], name="fund_income_once_per_reference"
            ),
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="fund_income_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.fund}: {self.source} {self.reference}"


class Round(models.Model):
    """One funding round: its money, dates, who may bid and the scoring scheme it publishes."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    amount_pence = models.BigIntegerField(_("amount (pence)"))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # Eligibility: the organisation kinds that may bid (Organisation.Kind values), the
    # district the work must benefit (a district fund's own), the largest award and the
    # share of the project the group must match from elsewhere.
    eligible_kinds = models.JSONField(default=list, blank=True)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="grant_rounds"
    )
    max_award_pence = models.BigIntegerField(_("largest award (pence)"))
    match_funding_percent = models.PositiveSmallIntegerField(_("match funding (%)"), default=0)
    # What the round buys, tagged to the council's co-operative values and outcome themes.
    outcome_themes = models.JSONField(default=list, blank=True)
    cooperative_values = models.JSONField(default=list, blank=True)
    assessors = models.ManyToManyField(USER, blank=True, related_name="grant_rounds_assessed")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="round_amount_positive"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="round_dates"
            ),
            models.CheckConstraint(
                condition=Q(max_award_pence__gt=0)
                & Q(max_award_pence__lte=models.F("amount_pence")),
                name="round_max_award_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """One criterion of a round's published scoring scheme; a round's weights sum to 100."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    guidance = models.TextField(_("guidance"), blank=True)
    weight_percent = models.PositiveSmallIntegerField(_("weight (%)"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="criterion_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight_percent}%)"
