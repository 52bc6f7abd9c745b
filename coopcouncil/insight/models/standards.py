"""Neighbourhood standards each district agrees, and its performance against them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.places.models import District


class Standard(models.Model):
    """A promise about a district's place: the outcome, who does what, how it is measured,
    the target and what happens when it is missed."""

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("At least the target")
        AT_MOST = "at_most", _("At most the target")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=200)
    council_does = models.TextField(_("what the council does"))
    community_does = models.TextField(_("what the community does"))
    residents_do = models.TextField(_("what residents do"))
    measure_code = models.CharField(
        _("measure"),
        max_length=40,
        blank=True,
        help_text=_("A measure the platform computes; blank when figures are entered by hand."),
    )
    measure = models.CharField(_("how it is measured"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    consequence = models.TextField(_("consequence when missed"))
    agreed_on = models.DateField(_("agreed on"))

    class Meta:
        ordering = ["district__name", "outcome"]

    def __str__(self) -> str:
        return f"{self.district}: {self.outcome}"


class StandardPerformance(models.Model):
    """The standard's figure for one month: computed by the platform or entered by hand."""

    class Source(models.TextChoices):
        COMPUTED = "computed", _("Computed from the platform's records")
        MANUAL = "manual", _("Entered by the district team")

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="performance")
    month = models.DateField(help_text=_("The first day of the month."))
    value = models.DecimalField(max_digits=12, decimal_places=2)
    source = models.CharField(max_length=10, choices=Source.choices)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["standard", "month"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "month"], name="one_figure_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.standard} {self.month:%Y-%m}: {self.value}"
