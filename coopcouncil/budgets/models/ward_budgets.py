"""Councillors' ward budgets and what they allocate from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward

USER = settings.AUTH_USER_MODEL


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
    councillor_reason = models.TextField(
        blank=True, help_text="The councillor's reason for the allocation, published with it"
    )
    ward_poll_option = models.ForeignKey(
        "budgets.WardPollOption",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
        help_text="The ward poll option this funds; the poll's count is shown beside it",
    )
    # Set from the poll's count, never typed: true when the option funded is not the one
    # residents gave the most votes.
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
