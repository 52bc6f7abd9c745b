"""Volunteering opportunities, their shifts, sign-ups and the safeguarding checks they need."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward


class Opportunity(models.Model):
    """A volunteering role posted by an organisation, or by the council when it names none."""

    role = models.CharField(_("role"), max_length=200)
    description = models.TextField(_("what it involves"), blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    place = models.CharField(_("place"), max_length=200)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    skills = models.CharField(_("skills wanted"), max_length=300, blank=True)
    is_check_needed = models.BooleanField(_("needs a safeguarding (DBS) check"), default=False)
    is_gritting = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role"]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.role


class Shift(models.Model):
    """A time to volunteer. ``booked`` counts current sign-ups and never passes ``places``."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    places = models.PositiveIntegerField()
    booked = models.PositiveIntegerField(default=0)
    is_reminded = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(booked__lte=F("places")), name="shift_never_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} ({self.starts_at:%d %b %Y %H:%M})"

    @property
    def places_left(self) -> int:
        return self.places - self.booked


class SignUp(models.Model):
    """A person's place on a shift, and once they came, the hours the organiser confirmed.

    ``volunteer`` is cleared when the person erases their account; the hours stay, counted
    in the ward where they were given.
    """

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Did not come")

    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="sign_ups")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shift__starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=~Q(status="cancelled"),
                name="one_place_per_person_per_shift",
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} on {self.shift}"


class SafeguardingCheck(models.Model):
    """A DBS check seen by an officer: its expiry only, never the certificate's contents."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    checked_on = models.DateField()
    expires_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-expires_on"]

    def __str__(self) -> str:
        return f"{self.person}: DBS to {self.expires_on}"
