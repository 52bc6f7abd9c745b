"""Admin for grants: read-only, because every change goes through the services (which check
permission and write the audit trail); the ledgers are append-only."""

from django.contrib import admin

from coopcouncil.grants.models import (
    Application,
    Clawback,
    ClawbackDue,
    DividendEntry,
    Fund,
    FundIncome,
    Instalment,
    MonitoringReport,
    Round,
    Score,
    VerifiedSaving,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "round", "status", "amount_pence", "awarded_pence"]
    list_filter = ["status", "round"]
    search_fields = ["title", "organisation__name"]


@admin.register(ClawbackDue)
class ClawbackDueAdmin(ReadOnlyAdmin):
    # Finance finds here what a withdrawn award's group owes; repayments are Clawbacks.
    list_display = ["application", "amount_pence", "recorded_at"]
    list_select_related = ["application__organisation"]
    search_fields = ["application__title", "application__organisation__name"]


for model in (
    Fund,
    FundIncome,
    Round,
    Score,
    Instalment,
    MonitoringReport,
    Clawback,
    VerifiedSaving,
    DividendEntry,
):
    admin.site.register(model, ReadOnlyAdmin)
