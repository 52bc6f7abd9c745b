"""The public commitment tracker."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.places.models import District


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped, with reasons")


class Commitment(models.Model):
    """A promise the council made in public: who owns it, when it is due, how it is going."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(
        _("owner"), max_length=150, help_text=_("The team, body or office answerable for it.")
    )
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=CommitmentStatus.choices, default="not_started"
    )
    evidence = models.TextField(_("evidence"), blank=True)
    made_on = models.DateField(_("made on"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "title"]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
