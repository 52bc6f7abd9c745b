"""Admin for devolved money: read-only, because every change goes through the services.

The services check permission and write the audit trail; adopted allocations and spend imports
are never edited at all (a new formula publishes a new version, and a wrong spend file is
corrected by a file of credit notes).
"""

from django.contrib import admin

from coopcouncil.budgets.models import (
    Allocation,
    AllocationFormula,
    AutonomyRequest,
    Commitment,
    CostCentre,
    LadderChallenge,
    LadderPlacement,
    ServiceBudgetLine,
    SpendImport,
    WardBudget,
    WardBudgetAllocation,
    WardPoll,
)
from coopcouncil.core.admin import ReadOnlyAdmin


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = ("line", "kind", "version", "formula_name", "published_at")
    list_filter = ("kind", "line")


@admin.register(SpendImport)
class SpendImportAdmin(ReadOnlyAdmin):
    list_display = ("imported_at", "file_name", "row_count", "total_pence", "imported_by")


@admin.register(ServiceBudgetLine)
class ServiceBudgetLineAdmin(ReadOnlyAdmin):
    list_display = ("name", "financial_year", "amount_pence", "slug")


@admin.register(AllocationFormula)
class AllocationFormulaAdmin(ReadOnlyAdmin):
    list_display = ("name", "line", "equal_share_percent", "population_percent", "need_percent")


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ("committed_on", "district", "line", "amount_pence", "description", "source")
    list_filter = ("source",)


@admin.register(CostCentre)
class CostCentreAdmin(ReadOnlyAdmin):
    list_display = ("code", "district", "line", "ward", "updated_at")


@admin.register(WardPoll)
class WardPollAdmin(ReadOnlyAdmin):
    # Votes are not listed: who voted for what stays out of the admin's everyday view.
    list_display = ("question", "ward", "opens_at", "closes_at")


@admin.register(AutonomyRequest)
class AutonomyRequestAdmin(ReadOnlyAdmin):
    list_display = ("title", "district", "status", "recommendation", "submitted_at")
    list_filter = ("status", "district")


@admin.register(LadderPlacement)
class LadderPlacementAdmin(ReadOnlyAdmin):
    list_display = ("service", "rung")


@admin.register(LadderChallenge)
class LadderChallengeAdmin(ReadOnlyAdmin):
    list_display = ("placement", "challenger_name", "proposed_rung", "status")


@admin.register(WardBudget)
class WardBudgetAdmin(ReadOnlyAdmin):
    list_display = ("councillor", "ward", "financial_year", "amount_pence")
    list_filter = ("financial_year",)


@admin.register(WardBudgetAllocation)
class WardBudgetAllocationAdmin(ReadOnlyAdmin):
    list_display = ("ward", "recipient_project", "amount_pence", "status", "created_at")
    list_filter = ("status",)
