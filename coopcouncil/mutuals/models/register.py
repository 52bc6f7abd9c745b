"""The register: co-operatives, mutuals and spin-outs the council works with, and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.coproduction.models import CommunityAsset
from coopcouncil.people.models import Organisation
from coopcouncil.places.models import District
from coopcouncil.procurement.models import Contract

USER = settings.AUTH_USER_MODEL


class Mutual(models.Model):
    """A co-operative or mutual on the council's register."""

    class LegalForm(models.TextChoices):
        COOPERATIVE_SOCIETY = "cooperative_society", _("Co-operative society")
        COMMUNITY_BENEFIT_SOCIETY = "community_benefit_society", _("Community benefit society")
        COMMUNITY_INTEREST_COMPANY = "community_interest_company", _("Community interest company")
        PUBLIC_SERVICE_MUTUAL = "public_service_mutual", _("Public service mutual")
        CHARITABLE_TRUST = "charitable_trust", _("Charitable trust")

    class ElectionRule(models.TextChoices):
        SCOTTISH = "scottish", _("Single transferable vote (Scottish rule)")
        MEEK = "meek", _("Single transferable vote (Meek's method)")
        PLURALITY = "plurality", _("Plurality (most first preferences)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    legal_form = models.CharField(_("legal form"), max_length=40, choices=LegalForm.choices)
    # The FCA Mutuals Public Register number of a society, where known.
    society_number = models.CharField(_("society registration number"), max_length=20, blank=True)
    company_number = models.CharField(_("Companies House number"), max_length=20, blank=True)
    charity_number = models.CharField(_("registered charity number"), max_length=20, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)
    election_rule = models.CharField(
        _("election rule"), max_length=20, choices=ElectionRule.choices, default="scottish"
    )
    is_spin_out = models.BooleanField(_("spun out of a council service"), default=False)
    secretaries = models.ManyToManyField(USER, blank=True, related_name="mutuals_as_secretary")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MutualService(models.Model):
    """A service a mutual runs, linked to the contract it runs it under and the asset it uses.

    Both links are chosen by the secretary from the mutual's organisation's own contracts
    (procurement) and leased assets (co-production), and kept if either ends: a contract or
    asset record is never deleted while referenced elsewhere, and if it were the link empties.
    """

    mutual = models.ForeignKey(Mutual, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("service"), max_length=200)
    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asset = models.ForeignKey(
        CommunityAsset,
        verbose_name=_("asset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["mutual", "name"]

    def __str__(self) -> str:
        return self.name


class MembershipClass(models.Model):
    """A class of membership with its eligibility rule (see ``logic.eligibility``)."""

    mutual = models.ForeignKey(Mutual, on_delete=models.CASCADE, related_name="classes")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    requires_residency = models.BooleanField(_("residents only"), default=False)
    min_share_pence = models.PositiveIntegerField(_("share to pay (pence)"), default=0)
    requires_tenant = models.BooleanField(_("tenants only"), default=False)
    requires_employee = models.BooleanField(_("employees only"), default=False)
    # Associate members belong but do not vote (under-16s in a youth co-op, say).
    is_voting = models.BooleanField(_("members vote"), default=True)
    # Held by organisations (through their representative), never by individuals.
    is_for_organisations = models.BooleanField(_("organisations only"), default=False)

    class Meta:
        ordering = ["mutual", "name"]
        constraints = [
            models.UniqueConstraint(fields=["mutual", "name"], name="mutual_class_name_unique"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=models.F("min_age")),
                name="mutual_class_ages_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mutual}: {self.name}"


class Member(models.Model):
    """A membership of a mutual: its facts and the classes it holds.

    A person's own, or an organisation's: then ``organisation`` is set and ``user`` is its
    representative, who votes for it. A person holds one membership per mutual, their own
    or the one organisation's they represent, so one person never casts two votes.
    """

    mutual = models.ForeignKey(Mutual, on_delete=models.CASCADE, related_name="members")
    # None once a former member's retention period has passed (``services.retention``):
    # the row stays, so ballot turnouts and the share register still add up.
    user = models.ForeignKey(
        USER, null=True, on_delete=models.CASCADE, related_name="mutual_memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    share_paid_pence = models.PositiveIntegerField(_("share paid (pence)"), default=0)
    is_tenant = models.BooleanField(_("tenant"), default=False)
    is_employee = models.BooleanField(_("employee"), default=False)
    classes = models.ManyToManyField(MembershipClass, through="MemberClass", related_name="+")

    class Meta:
        ordering = ["mutual", "joined_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mutual", "user"], name="one_membership_per_mutual"),
            models.UniqueConstraint(
                fields=["mutual", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_membership_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        if self.organisation_id:
            return f"{self.organisation} in {self.mutual}"
        if self.user_id is None:
            return f"Former member {self.pk} of {self.mutual}"
        return f"{self.user} in {self.mutual}"


class MemberClass(models.Model):
    """A class a member holds; lapsed when a re-check finds they no longer meet its rule."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="holdings")
    membership_class = models.ForeignKey(
        MembershipClass, on_delete=models.PROTECT, related_name="holdings"
    )
    since = models.DateField(_("since"))
    lapsed_on = models.DateField(_("lapsed on"), null=True, blank=True)
    lapse_reason = models.CharField(_("why it lapsed"), max_length=200, blank=True)

    class Meta:
        ordering = ["member", "membership_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "membership_class"], name="member_holds_class_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.membership_class.name}"
