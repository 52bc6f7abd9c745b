"""Community share offers: applications, the allocation and each year's capped interest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.mutuals.models.register import Mutual

USER = settings.AUTH_USER_MODEL


class ShareOffer(models.Model):
    """Member shares offered to raise money, with a minimum and maximum holding."""

    mutual = models.ForeignKey(Mutual, on_delete=models.CASCADE, related_name="share_offers")
    title = models.CharField(_("title"), max_length=200)
    offer_pence = models.PositiveBigIntegerField(_("amount offered (pence)"))
    share_pence = models.PositiveIntegerField(_("share price (pence)"), default=100)
    min_holding_pence = models.PositiveBigIntegerField(_("minimum holding (pence)"))
    max_holding_pence = models.PositiveBigIntegerField(_("maximum holding (pence)"))
    interest_cap_percent = models.DecimalField(
        _("interest cap (%)"), max_digits=5, decimal_places=2
    )
    community_fund_percent = models.PositiveSmallIntegerField(
        _("surplus to the community fund (%)"), default=0
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    allocated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-closes_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_holding_pence__gte=F("min_holding_pence")),
                name="share_offer_holdings_in_order",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="share_offer_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ShareApplication(models.Model):
    """One person's application; ``allocated_pence`` is set when the offer is allocated."""

    offer = models.ForeignKey(ShareOffer, on_delete=models.CASCADE, related_name="applications")
    # None once the applicant left the mutual longer ago than retention keeps them.
    user = models.ForeignKey(
        USER, null=True, on_delete=models.CASCADE, related_name="share_applications"
    )
    requested_pence = models.PositiveBigIntegerField(_("amount (pence)"))
    allocated_pence = models.PositiveBigIntegerField(null=True, blank=True)
    applied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["offer", "applied_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "user"], name="one_application_per_offer")
        ]

    def __str__(self) -> str:
        return f"Application {self.pk} to {self.offer_id}"


class InterestYear(models.Model):
    """A year's interest on the offer's shares and the surplus sent to the community fund."""

    offer = models.ForeignKey(ShareOffer, on_delete=models.CASCADE, related_name="interest_years")
    year = models.PositiveSmallIntegerField(_("year"))
    rate_percent = models.DecimalField(_("interest rate (%)"), max_digits=5, decimal_places=2)
    interest_pence = models.PositiveBigIntegerField()
    surplus_pence = models.BigIntegerField(_("surplus (pence)"), default=0)
    community_fund_pence = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["offer", "year"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "year"], name="one_interest_record_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} {self.year}"
