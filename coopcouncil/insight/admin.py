"""Admin for insight: read-only, because every change goes through the audited services."""

from django.contrib import admin

from coopcouncil.insight.models import (
    ActivityLink,
    Commitment,
    Indicator,
    Measurement,
    Outcome,
    ParticipationFigure,
    Principle,
    PrinciplesVersion,
    PrincipleTag,
    ServiceAssessment,
    Standard,
    StandardPerformance,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


for model in (
    ActivityLink,
    Commitment,
    Indicator,
    Measurement,
    Outcome,
    Principle,
    PrinciplesVersion,
    PrincipleTag,
    ServiceAssessment,
    Standard,
    StandardPerformance,
):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(ParticipationFigure)
class ParticipationFigureAdmin(ReadOnlyAdmin):
    list_display = ("period_start", "is_window", "ward", "role", "kind", "participants")
    list_filter = ("is_window", "role")
