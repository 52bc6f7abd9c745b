"""The measures catalogue the council sets: themes → outcomes → measures with proxy values.

Bids offer social value against these measures only, so every offer is counted in the same
units and valued at the same proxy £ per unit (a TOMs-like framework the council publishes).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureTheme(models.Model):
    """A broad aim, e.g. "Jobs: promote local skills and employment"."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MeasureOutcome(models.Model):
    """What the theme should change, e.g. "More local people in employment"."""

    theme = models.ForeignKey(MeasureTheme, on_delete=models.PROTECT, related_name="outcomes")
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["theme__name", "name"]

    def __str__(self) -> str:
        return self.name


class Measure(models.Model):
    """A countable commitment with its unit and the proxy value of one unit, in pence."""

    outcome = models.ForeignKey(MeasureOutcome, on_delete=models.PROTECT, related_name="measures")
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. FTE, weeks, £, hours, t"))
    proxy_value_pence = models.PositiveIntegerField(_("proxy value per unit (pence)"))

    class Meta:
        ordering = ["outcome__theme__name", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"
