"""The participation-at-scale snapshot: counts of people, never the people themselves."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.places.models import Ward


class ParticipationRole(models.TextChoices):
    DECIDING = "deciding", _("Making decisions")
    DELIVERING = "delivering", _("Delivering services")
    SUPPORTING = "supporting", _("Supporting others")
    ANY = "any", _("Any way of taking part")


class ParticipationFigure(models.Model):
    """How many residents took part in one way (or any) over one period, in one ward.

    Refreshed as a whole by ``services.participation_refresh`` (a task, the CLI or the
    staff button), so the public view reads a few hundred rows however many ballots and
    signatures lie behind them. ``ward`` is empty for people with no verified residency.
    ``is_window`` marks the rows for the whole reporting window; the others are months.
    """

    period_start = models.DateField()
    period_end = models.DateField(help_text=_("The day after the period ends."))
    is_window = models.BooleanField(default=False)
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=12, choices=ParticipationRole.choices)
    kind = models.CharField(
        max_length=40, blank=True, help_text=_("The source (e.g. pb_ballots); blank for a role.")
    )
    participants = models.PositiveIntegerField()
    new_participants = models.PositiveIntegerField(
        help_text=_("Taking part in this way for the first time in this period.")
    )
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["period_start", "role", "kind"]
        indexes = [models.Index(fields=["is_window", "period_start"])]

    def __str__(self) -> str:
        return f"{self.role} {self.kind} {self.period_start}: {self.participants}"
