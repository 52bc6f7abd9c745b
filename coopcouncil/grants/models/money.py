"""After the award: instalments, monitoring reports, clawback and the co-production dividend."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcouncil.budgets.models import Commitment
from coopcouncil.grants.models.applications import Application
from coopcouncil.people.models import Organisation

USER = settings.AUTH_USER_MODEL


class Instalment(models.Model):
    """Part of an award, paid once its milestone is met and finance approves it."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        APPROVED = "approved", _("Approved by finance")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="instalments"
    )
    milestone = models.CharField(_("milestone"), max_length=200)
    amount_pence = models.BigIntegerField(_("amount (pence)"))
    due_on = models.DateField(_("due"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The budget monitoring commitment the approval recorded, when the fund has a budget line.
    commitment = models.OneToOneField(
        Commitment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="instalment_positive")
        ]

    def __str__(self) -> str:
        return self.milestone


class MonitoringReport(models.Model):
    """What a grantee reports it achieved; due on a date, flagged when late."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="monitoring_reports"
    )
    due_on = models.DateField(_("due"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    outcomes_achieved = models.TextField(_("outcomes achieved"), blank=True)
    volunteers = models.PositiveIntegerField(_("volunteers"), default=0)
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), default=0)
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    spend_pence = models.BigIntegerField(_("spent (pence)"), default=0)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.application} report due {self.due_on}"


class Clawback(models.Model):
    """Unspent money recovered from a grantee; it returns to the fund as income."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="clawbacks")
    amount_pence = models.BigIntegerField()
    reason = models.TextField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="clawback_positive")
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.amount_pence}p clawed back"


class ClawbackDue(models.Model):
    """What a group must repay because the call-in review withdrew its award after
    instalments were paid: recorded when democracy tells grants of the withdrawal, so the
    money is not silently lost. Finance records each repayment as a ``Clawback``."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="clawback_due"
    )
    amount_pence = models.BigIntegerField()
    reason = models.TextField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="clawback_due_positive")
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.amount_pence}p to recover"


class VerifiedSaving(models.Model):
    """A saving the council verified that a group's co-production made (an officer records it)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="verified_savings"
    )
    description = models.CharField(max_length=200)
    saving_pence = models.BigIntegerField()
    share_percent = models.PositiveSmallIntegerField()
    verified_on = models.DateField()
    verified_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-verified_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(saving_pence__gt=0), name="saving_positive")
        ]

    def __str__(self) -> str:
        return self.description


class DividendEntry(models.Model):
    """One line of a group's co-production dividend ledger. Append-only.

    A credit is its share of a verified saving; a spend is dividend put towards an award.
    The balance is credits minus spends, to the penny, and never below zero.
    """

    class Kind(models.TextChoices):
        CREDIT = "credit", _("Credit")
        SPEND = "spend", _("Spend")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="dividend_entries"
    )
    kind = models.CharField(max_length=6, choices=Kind.choices)
    amount_pence = models.BigIntegerField()
    saving = models.OneToOneField(
        VerifiedSaving, null=True, blank=True, on_delete=models.PROTECT, related_name="credit"
    )
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="dividend_spend"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="dividend_entry_positive"),
            models.CheckConstraint(
                condition=(Q(kind="credit") & Q(saving__isnull=False))
                | (Q(kind="spend") & Q(application__isnull=False)),
                name="dividend_entry_cites_its_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.kind} {self.amount_pence}p"
