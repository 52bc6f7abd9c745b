"""The co-operative membership deal: members, their pledges, benefits and claims."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.membership.logic.deal import BENEFIT_KINDS, PLEDGES
from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward


class Membership(models.Model):
    """A resident who has joined the co-operative membership; the ward is where they lived."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coop_membership"
    )
    ward = models.ForeignKey(
        Ward, null=True, on_delete=models.SET_NULL, related_name="coop_members"
    )
    joined_at = models.DateTimeField()

    class Meta:
        ordering = ["joined_at"]

    def __str__(self) -> str:
        return f"{self.user} (member since {self.joined_at:%Y-%m-%d})"


class PledgeTaken(models.Model):
    """A pledge a member took; ``kept_at`` is set only for pledges the member reports."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="pledges")
    kind = models.CharField(
        _("pledge"), max_length=20, choices=[(p.code, p.label) for p in PLEDGES]
    )
    taken_at = models.DateTimeField()
    kept_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["taken_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "kind"], name="one_pledge_of_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.kind}"


class Benefit(models.Model):
    """An offer negotiated with a partner, with its eligibility rule and validity period."""

    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=list(BENEFIT_KINDS.items()))
    description = models.TextField(_("description"), blank=True)
    wards = models.ManyToManyField(Ward, blank=True, related_name="+")
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    min_membership_days = models.PositiveIntegerField(_("days of membership needed"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class BenefitClaim(models.Model):
    """A member's one-time redemption code for a benefit.

    The partner checking the code sees the benefit and whether it is still unused, never
    the member's name or address. An erased member's redeemed claims stay, with no member,
    so the partner's count of redemptions still adds up.
    """

    benefit = models.ForeignKey(Benefit, on_delete=models.PROTECT, related_name="claims")
    membership = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="claims"
    )
    ward = models.ForeignKey(Ward, null=True, on_delete=models.SET_NULL, related_name="+")
    code = models.CharField(max_length=16, unique=True)
    claimed_at = models.DateTimeField()
    redeemed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claimed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "membership"], name="one_claim_per_member_per_benefit"
            )
        ]

    def __str__(self) -> str:
        return f"Claim {self.pk} of {self.benefit}"
