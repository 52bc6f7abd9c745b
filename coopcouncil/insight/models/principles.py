"""The council's co-operative values and principles (versioned), tags on what the council
does, and the social productivity test of its services."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.budgets.models import LadderPlacement


class PrinciplesVersion(models.Model):
    """One adopted version of the principles, e.g. the network's ten of 2014, revised 2016."""

    name = models.CharField(_("name"), max_length=200)
    adopted_on = models.DateField(_("adopted on"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["-adopted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_principles_version",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Principle(models.Model):
    version = models.ForeignKey(
        PrinciplesVersion, on_delete=models.CASCADE, related_name="principles"
    )
    number = models.PositiveSmallIntegerField()
    slug = models.SlugField()
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="principle_number_unique"),
            models.UniqueConstraint(fields=["version", "slug"], name="principle_slug_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PrincipleTag(models.Model):
    """A decision, PB project, grant, contract or asset that puts a principle into practice.
    The thing is named by kind and id through ``selectors.subjects`` (``TAG_KINDS``)."""

    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="tags")
    subject_kind = models.CharField(max_length=30)
    subject_id = models.PositiveIntegerField()
    tagged_at = models.DateTimeField(auto_now_add=True)
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["principle", "subject_kind", "subject_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["principle", "subject_kind", "subject_id"], name="one_tag_per_principle"
            )
        ]
        indexes = [models.Index(fields=["subject_kind", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.principle} on {self.subject_kind} {self.subject_id}"


PRODUCTIVITY_QUESTIONS = {
    "social_value": _("Does it create social value?"),
    "autonomy": _("Does it build residents' autonomy and resilience?"),
    "resources": _("Does it unlock residents' own resources?"),
    "networks": _("Does it strengthen social networks?"),
}


class ServiceAssessment(models.Model):
    """The social productivity test of one service on the devolution ladder: four questions,
    each with a rating (1–5) and the evidence for it."""

    service = models.ForeignKey(LadderPlacement, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("assessed on"))
    social_value_rating = models.PositiveSmallIntegerField()
    social_value_evidence = models.TextField()
    autonomy_rating = models.PositiveSmallIntegerField()
    autonomy_evidence = models.TextField()
    resources_rating = models.PositiveSmallIntegerField()
    resources_evidence = models.TextField()
    networks_rating = models.PositiveSmallIntegerField()
    networks_evidence = models.TextField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["service", "-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.service.service} ({self.assessed_on})"
