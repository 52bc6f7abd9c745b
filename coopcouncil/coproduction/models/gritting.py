"""Community gritting: routes volunteers adopt, equipment on loan, runs logged, alerts sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.places.models import Ward


class GrittingRoute(models.Model):
    """A street or route a volunteer adopts for the winter; one adopter at a time."""

    name = models.CharField(_("street or route"), max_length=200)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=300, blank=True)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["ward__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="one_route_name_per_ward")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.ward})"


class EquipmentLoan(models.Model):
    """A salt bin or spreader issued to a volunteer for a route, until returned."""

    class Kind(models.TextChoices):
        SALT_BIN = "salt_bin", _("Salt bin")
        SPREADER = "spreader", _("Spreader")

    route = models.ForeignKey(GrittingRoute, on_delete=models.PROTECT, related_name="loans")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reference = models.CharField(_("asset tag"), max_length=40)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=Q(returned_at__isnull=True),
                name="equipment_out_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"


class GrittingRun(models.Model):
    """One time a volunteer gritted their route."""

    route = models.ForeignKey(GrittingRoute, on_delete=models.PROTECT, related_name="runs")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gritted_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-gritted_at"]

    def __str__(self) -> str:
        return f"{self.route} at {self.gritted_at:%Y-%m-%d %H:%M}"


class GrittingAlert(models.Model):
    """The council's call to grit in a district, and how many volunteers it told."""

    district = models.ForeignKey("places.District", on_delete=models.PROTECT, related_name="+")
    message = models.CharField(max_length=300)
    volunteers_told = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.district} at {self.sent_at:%Y-%m-%d %H:%M}"
