"""The spin-out pipeline: a council service considering mutualisation, stage by stage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.mutuals.models.register import Mutual

USER = settings.AUTH_USER_MODEL


class SpinOut(models.Model):
    """A service on its way to becoming (or having become) a mutual."""

    service = models.CharField(_("service"), max_length=200)
    mutual = models.ForeignKey(
        Mutual, null=True, blank=True, on_delete=models.SET_NULL, related_name="spin_outs"
    )
    started_on = models.DateField(_("started on"))

    class Meta:
        ordering = ["-started_on", "service"]

    def __str__(self) -> str:
        return self.service


class SpinOutStage(models.Model):
    """One of the six stages (``logic.spinouts.STAGES``): its checklist, dates and sign-off."""

    class Name(models.TextChoices):
        SUITABILITY = "suitability", _("Suitability assessment")
        STAFF_CONSULTATION = "staff_consultation", _("Staff consultation")
        BUSINESS_CASE = "business_case", _("Business case")
        PENSIONS_OVERHEADS = "pensions_overheads", _("Pensions and overheads risks")
        TRANSFER = "transfer", _("Transfer")
        RETENDER = "retender", _("Contract re-tender date")

    spin_out = models.ForeignKey(SpinOut, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(max_length=30, choices=Name.choices)
    position = models.PositiveSmallIntegerField()
    checklist = models.JSONField(default=list)  # [{"item": str, "done": bool}]
    due_on = models.DateField(_("due on"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["spin_out", "position"]
        constraints = [
            models.UniqueConstraint(fields=["spin_out", "name"], name="spin_out_stage_once")
        ]

    def __str__(self) -> str:
        return self.get_name_display()
