"""Staff volunteering days: a council employee asks their manager for time to volunteer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffVolunteeringRequest(models.Model):
    """Days asked for on a date, for a cause; the named manager approves or refuses."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the manager")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_date = models.DateField(_("date"))
    days = models.DecimalField(_("days"), max_digits=3, decimal_places=1)
    hours = models.DecimalField(_("hours given"), max_digits=5, decimal_places=2)
    cause = models.CharField(_("where you will volunteer"), max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on_date"]

    def __str__(self) -> str:
        return f"{self.days} days on {self.on_date}: {self.cause}"
