"""The council ledger's cost-centre codes, each mapped once to a district and budget line.

Finance systems export spend against their own cost centres (``CC4410``), not the platform's
district and line codes. The finance officer maps each code once; spend files may then use
the ledger's code, and a code nobody has mapped stops the import at that row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.budgets.models.allocations import ServiceBudgetLine
from coopcouncil.places.models import District, Ward

USER = settings.AUTH_USER_MODEL


class CostCentre(models.Model):
    """A ledger cost-centre code and the district, budget line and (optionally) ward it means."""

    code = models.CharField(_("ledger code"), max_length=40, unique=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey(ServiceBudgetLine, on_delete=models.PROTECT, related_name="+")
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} → {self.district} / {self.line}"
