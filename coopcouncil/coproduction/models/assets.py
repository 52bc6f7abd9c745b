"""Community assets: the register, leases and transfers with their commitments, meanwhile
licences, and assets of community value."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward


class CommunityAsset(models.Model):
    """A building, park, piece of land or nature reserve on the council's register."""

    class Kind(models.TextChoices):
        BUILDING = "building", _("Community building")
        PARK = "park", _("Park")
        LAND = "land", _("Land")
        NATURE_RESERVE = "nature_reserve", _("Nature reserve")

    class Condition(models.TextChoices):
        GOOD = "good", _("Good")
        FAIR = "fair", _("Fair")
        POOR = "poor", _("Poor")
        UNSAFE = "unsafe", _("Unsafe")

    reference = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices)
    running_cost_pence = models.BigIntegerField(_("yearly running cost (pence)"), default=0)
    current_use = models.CharField(_("current use"), max_length=300, blank=True)
    is_stalled_site = models.BooleanField(_("stalled site, open to meanwhile use"), default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LeaseApplication(models.Model):
    """A community group asks to lease or take over an asset, offering service commitments."""

    class Terms(models.TextChoices):
        PEPPERCORN = "peppercorn", _("Peppercorn rent")
        NOMINAL = "nominal", _("Nominal rent")
        TRANSFER = "transfer", _("Community asset transfer (ownership)")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for assessment")
        AGREED = "agreed", _("Agreed")
        REFUSED = "refused", _("Refused")

    asset = models.ForeignKey(CommunityAsset, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    terms = models.CharField(_("terms"), max_length=12, choices=Terms.choices)
    proposal = models.TextField(_("what the group will do"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    assessment = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.organisation} for {self.asset} ({self.get_terms_display()})"


class LeaseAgreement(models.Model):
    """The agreed lease or transfer: term, rent, review dates; the asset is in community hands."""

    application = models.OneToOneField(
        LeaseApplication, on_delete=models.PROTECT, related_name="agreement"
    )
    asset = models.ForeignKey(CommunityAsset, on_delete=models.PROTECT, related_name="agreements")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    terms = models.CharField(max_length=12, choices=LeaseApplication.Terms.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)  # None for a transfer of ownership
    rent_pence = models.BigIntegerField(default=0)
    next_review_on = models.DateField()

    class Meta:
        ordering = ["asset__name"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.asset}"


class ServiceCommitment(models.Model):
    """What the group promised in exchange, with a yearly target (hours, sessions, people)."""

    class Measure(models.TextChoices):
        OPENING_HOURS = "opening_hours", _("Hours open a week")
        ACTIVITIES = "activities", _("Activities a year")
        PEOPLE_SERVED = "people_served", _("People served a year")

    application = models.ForeignKey(
        LeaseApplication, on_delete=models.CASCADE, related_name="commitments"
    )
    measure = models.CharField(max_length=15, choices=Measure.choices)
    description = models.CharField(max_length=200)
    target = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class CommitmentReturn(models.Model):
    """A yearly return against one commitment; ``is_met`` is decided as it is recorded."""

    commitment = models.ForeignKey(
        ServiceCommitment, on_delete=models.CASCADE, related_name="returns"
    )
    year = models.PositiveSmallIntegerField()
    achieved = models.PositiveIntegerField()
    is_met = models.BooleanField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "year"], name="one_return_per_commitment_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment} {self.year}"


class MeanwhileLicence(models.Model):
    """A time-limited licence for a community use of a stalled site."""

    asset = models.ForeignKey(CommunityAsset, on_delete=models.PROTECT, related_name="licences")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    use = models.CharField(_("use"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["ends_on"]

    def __str__(self) -> str:
        return f"{self.use} at {self.asset} to {self.ends_on}"


class CommunityValueNomination(models.Model):
    """Land or a building nominated as an asset of community value, and what followed.

    Dates that follow from the notice (bid window, moratorium, protected period) are computed
    (``logic.community_value``), never stored.
    """

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        LISTED = "listed", _("Listed")
        NOT_LISTED = "not_listed", _("Not listed")

    name = models.CharField(_("land or building"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("why it furthers the community's wellbeing"))
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOMINATED)
    listed_on = models.DateField(null=True, blank=True)
    notice_on = models.DateField(null=True, blank=True)
    intention_to_bid_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
