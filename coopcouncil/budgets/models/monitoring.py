"""Monitoring a line's money: commitments made and spend imported from the ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.budgets.models.allocations import ServiceBudgetLine
from coopcouncil.budgets.models.ward_budgets import WardBudgetAllocation
from coopcouncil.places.models import District, Ward

USER = settings.AUTH_USER_MODEL


class Commitment(models.Model):
    """Money a district has promised from a line (an order raised, a grant awarded) but not paid.

    ``source`` says where it came from: recorded by hand, or created by ``commitments_sync``
    from a published district decision, a PB project moved into delivery or an approved ward
    budget allocation, each linked to its source. One source makes at most one commitment
    (the constraints below), so syncing again creates nothing twice.
    """

    class Source(models.TextChoices):
        RECORDED = "recorded", _("Recorded by hand")
        DECISION = "decision", _("Published district decision")
        PB_PROJECT = "pb_project", _("PB project in delivery")
        WARD_ALLOCATION = "ward_allocation", _("Approved ward budget allocation")

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
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.RECORDED)
    pb_project = models.ForeignKey(
        "participation.Project",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_commitments",
        help_text="The PB project in delivery the money is committed to",
    )
    ward_allocation = models.ForeignKey(
        WardBudgetAllocation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
        help_text="The approved ward budget allocation the money is committed to",
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-committed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="commitment_positive"),
            models.UniqueConstraint(
                fields=["decision"],
                condition=Q(source="decision"),
                name="one_commitment_per_synced_decision",
            ),
            models.UniqueConstraint(
                fields=["pb_project"],
                condition=Q(pb_project__isnull=False),
                name="one_commitment_per_pb_project",
            ),
            models.UniqueConstraint(
                fields=["ward_allocation"],
                condition=Q(ward_allocation__isnull=False),
                name="one_commitment_per_ward_allocation",
            ),
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
