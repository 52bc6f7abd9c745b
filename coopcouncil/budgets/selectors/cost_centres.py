"""Reads for the ledger's cost-centre codes and what each one means here."""

from __future__ import annotations

from django.db.models import QuerySet

from coopcouncil.budgets.logic.monitoring import CostCentreCodes
from coopcouncil.budgets.models import CostCentre


def cost_centre_list() -> QuerySet[CostCentre]:
    return CostCentre.objects.select_related("district", "line", "ward", "updated_by")


def cost_centre_codes() -> dict[str, CostCentreCodes]:
    """Every mapped code as the spend parser reads it: district, line and ward codes."""
    rows = CostCentre.objects.values_list("code", "district__slug", "line__slug", "ward__slug")
    return {
        code: CostCentreCodes(district, line, ward or "") for code, district, line, ward in rows
    }
