"""Contracts let (by tender or quotation), their social value commitments and quarterly returns.

Each contract is one contracting process in the open data (OCDS): a tendered contract shares
its tender's process; a quotation award is a process of its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.people.models import Organisation
from coopcouncil.places.models import District
from coopcouncil.procurement.models.catalogue import Measure
from coopcouncil.procurement.models.tenders import Bid, CommissioningExercise, TenderLot

USER = settings.AUTH_USER_MODEL


class Contract(models.Model):
    """An award and the contract that follows it, with the decision's full breakdown."""

    class Route(models.TextChoices):
        TENDER = "tender", _("Open tender")
        QUOTATION = "quotation", _("Quotations under the delegated limit")

    title = models.CharField(_("title"), max_length=200)
    route = models.CharField(max_length=10, choices=Route.choices)
    exercise = models.ForeignKey(
        CommissioningExercise,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    lot = models.OneToOneField(
        TenderLot, null=True, blank=True, on_delete=models.PROTECT, related_name="contract"
    )
    winning_bid = models.OneToOneField(
        Bid, null=True, blank=True, on_delete=models.PROTECT, related_name="contract"
    )
    supplier = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="procurement_contracts"
    )
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value_pence = models.PositiveBigIntegerField(_("value (pence)"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    awarded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    awarded_at = models.DateTimeField()
    # Every bid's scores and how they were computed, as published with the decision.
    award_breakdown = models.JSONField(default=dict, blank=True)
    award_reason = models.TextField(_("reason for the award"), blank=True)
    # Quotation route only: why fewer than three quotes, where that is the case.
    quotation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-awarded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="contract_dates"
            ),
            models.CheckConstraint(
                condition=Q(route="quotation") | Q(winning_bid__isnull=False),
                name="tendered_contract_has_bid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Quote(models.Model):
    """One quotation received for a contract awarded under the delegated limit."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="quotes")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    amount_pence = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["contract", "amount_pence", "id"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.amount_pence}p"


class Commitment(models.Model):
    """A social value commitment of the winning bid, monitored as a KPI over the contract."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="commitments")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    promised = models.DecimalField(max_digits=14, decimal_places=2)
    proxy_value_pence = models.PositiveIntegerField()

    class Meta:
        ordering = ["contract", "measure__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "measure"], name="one_commitment_per_measure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.promised}"


class QuarterlyReturn(models.Model):
    """A supplier's actuals for one calendar quarter of a contract."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="returns")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    submitted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "year", "quarter"], name="one_return_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract}: {self.year} Q{self.quarter}"


class ReturnLine(models.Model):
    """What was delivered against one commitment in a quarter; a shortfall carries a remedy."""

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.CASCADE, related_name="lines"
    )
    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="lines")
    delivered = models.DecimalField(max_digits=14, decimal_places=2)
    due = models.DecimalField(max_digits=14, decimal_places=2)
    evidence = models.TextField(blank=True)
    remedy = models.TextField(_("remedy"), blank=True)
    remedy_recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    remedy_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["quarterly_return", "commitment__measure__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["quarterly_return", "commitment"], name="one_line_per_commitment"
            ),
            models.CheckConstraint(condition=Q(delivered__gte=0), name="delivered_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment.measure.code}: {self.delivered} of {self.due} due"

    @property
    def is_short(self) -> bool:
        return self.delivered < self.due
