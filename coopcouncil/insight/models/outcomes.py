"""The outcomes framework: outcomes, their indicators, measurements and the activities
that claim to move them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.places.models import District


class Outcome(models.Model):
    """A change the council and its partners want to see, e.g. "Residents shape their place"."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """How progress towards an outcome is measured, with its baseline and target."""

    class Geography(models.TextChoices):
        BOROUGH = "borough", _("Whole borough")
        DISTRICT = "district", _("Each district")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="indicators")
    code = models.SlugField(_("code"), unique=True, help_text=_("Used in measurement files."))
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. %, per 1,000 residents"))
    geography = models.CharField(_("geography"), max_length=10, choices=Geography.choices)
    source = models.CharField(_("source"), max_length=200)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    is_higher_better = models.BooleanField(_("higher is better"), default=True)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)

    class Meta:
        ordering = ["outcome__order", "name"]

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    """One value of an indicator for one period, for the borough or one district."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period = models.DateField(help_text=_("The first day of the period measured."))
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(max_digits=12, decimal_places=2)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "district"],
                condition=Q(district__isnull=False),
                name="one_district_measurement_per_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(district__isnull=True),
                name="one_borough_measurement_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"


class EvidenceStrength(models.TextChoices):
    """How strongly the evidence says an activity moves an outcome (after Nesta's standards)."""

    ASSERTED = "asserted", _("1 — A clear account of why it should work")
    OBSERVED = "observed", _("2 — Change observed alongside it")
    COMPARED = "compared", _("3 — Change compared with a group without it")
    TESTED = "tested", _("4 — Tested with a control group")
    REPLICATED = "replicated", _("5 — Replicated elsewhere")


class ActivityLink(models.Model):
    """An activity (a PB project, grant, volunteering opportunity or contract) said to move
    an outcome. It is named by kind and id through ``selectors.subjects`` (``LINK_KINDS``)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="activity_links")
    subject_kind = models.CharField(max_length=30)
    subject_id = models.PositiveIntegerField()
    strength = models.CharField(max_length=12, choices=EvidenceStrength.choices)
    evidence = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["outcome", "subject_kind", "subject_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "subject_kind", "subject_id"], name="one_link_per_activity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_kind} {self.subject_id} → {self.outcome}"
