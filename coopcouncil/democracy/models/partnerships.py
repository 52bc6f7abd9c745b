"""District partnerships: the body for each district, its members and sub-groups.

Councillors are voting members of their district's partnership by virtue of their
ward role (``people.RoleAssignment``); that membership is derived, never copied here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from coopcouncil.people.models import Organisation
from coopcouncil.places.models import District

USER = settings.AUTH_USER_MODEL


class DistrictPartnership(models.Model):
    """The body that takes decisions for one district: one per District."""

    district = models.OneToOneField(District, on_delete=models.PROTECT, related_name="partnership")
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["district__name"]

    def __str__(self) -> str:
        return self.name


class PartnershipMember(models.Model):
    """A district team officer or partner representative sitting on a partnership.

    Dated so that the membership on any past meeting day can be shown; changes are
    kept by django-simple-history and audited by the services.
    """

    class Kind(models.TextChoices):
        DISTRICT_TEAM = "district_team", "District team"
        PARTNER = "partner", "Partner member"

    partnership = models.ForeignKey(
        DistrictPartnership, on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="partnership_seats")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=150, help_text="e.g. District co-ordinator")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="partnership_member_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.title}"


class SubGroup(models.Model):
    """A sub-committee of a partnership (finance sub-committee, commissioning group)."""

    partnership = models.ForeignKey(
        DistrictPartnership, on_delete=models.CASCADE, related_name="sub_groups"
    )
    name = models.CharField(max_length=150)
    purpose = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="sub_group_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.partnership})"
