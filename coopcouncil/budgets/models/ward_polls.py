"""Ward polls: residents of a ward choosing between a councillor's ward budget options.

A councillor's ward budget is meant to be "decided with residents". A ward poll makes that a
record rather than a claim: the councillor puts two to five options to the ward for a fixed
time, residents verified in the ward vote once each (a database constraint, not only a
check), and the count is published beside the allocation that cites it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.budgets.models.ward_budgets import WardBudget
from coopcouncil.places.models import Ward

USER = settings.AUTH_USER_MODEL


class WardPoll(models.Model):
    """A question on a ward budget put to the ward's verified residents, open for a set time."""

    ward_budget = models.ForeignKey(WardBudget, on_delete=models.PROTECT, related_name="polls")
    # The ward budget's ward, kept here so the voting rule and the turnout read one row.
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    question = models.CharField(_("question"), max_length=200)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="ward_poll_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ward}: {self.question}"


class WardPollOption(models.Model):
    """One of the two to five choices on a ward poll, in the order the councillor gave them."""

    poll = models.ForeignKey(WardPoll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["poll", "position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "position"], name="ward_poll_option_order"),
            models.UniqueConstraint(fields=["poll", "label"], name="ward_poll_option_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.poll.question}: {self.label}"


class WardPollVote(models.Model):
    """One resident's vote; the constraint makes a second vote by the same person impossible."""

    poll = models.ForeignKey(WardPoll, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(WardPollOption, on_delete=models.PROTECT, related_name="votes")
    voter = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="ward_poll_votes")
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cast_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="one_vote_per_ward_poll")
        ]

    def __str__(self) -> str:
        return f"Vote {self.pk} in {self.poll_id}"
