"""Time credits: each person's account, its append-only ledger, partners' offers and codes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward


class CreditAccount(models.Model):
    """A person's credits. ``balance`` is the ledger's sum, kept here so a spend can lock it.

    The person is cleared on erasure; the account and its entries stay for the figures.
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    balance = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="credit_balance_never_negative"
            )
        ]

    def __str__(self) -> str:
        return f"Credit account {self.pk}"


class CreditOffer(models.Model):
    """What a partner gives for credits: a swim, a class, a ticket."""

    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("offer"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    credits = models.PositiveIntegerField(_("credits"))
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class CreditEntry(models.Model):
    """One line of the ledger: credits earned (positive) or spent (negative). Never changed.

    An earning names the sign-up it was for (once each); a spending carries the code the
    partner redeems.
    """

    account = models.ForeignKey(CreditAccount, on_delete=models.PROTECT, related_name="entries")
    amount = models.IntegerField()
    sign_up = models.OneToOneField(
        "coproduction.SignUp", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    offer = models.ForeignKey(
        CreditOffer, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    code = models.CharField(max_length=12, unique=True, null=True, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "credit entries"
        constraints = [
            models.CheckConstraint(
                condition=(Q(amount__gt=0, sign_up__isnull=False, offer__isnull=True))
                | Q(amount__lt=0, offer__isnull=False, code__isnull=False),
                name="credit_entry_is_earned_or_spent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount:+d} at {self.at:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("The time credit ledger is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The time credit ledger is append-only.")


class CreditRedemption(models.Model):
    """A partner's use of a spent credit's code: made once (the code is the key)."""

    entry = models.OneToOneField(CreditEntry, on_delete=models.PROTECT, related_name="redemption")
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Redeemed {self.entry.code}"
