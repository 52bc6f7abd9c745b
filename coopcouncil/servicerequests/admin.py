"""The admin: services, boundaries, requests, and API keys (issued and revoked through the
services, so a key is hashed, shown once and every change is audited)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from coopcouncil.core.errors import DomainError
from coopcouncil.servicerequests import services
from coopcouncil.servicerequests.models import (
    ApiKey,
    ServiceCategory,
    ServiceRequest,
    WardBoundary,
)


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "group", "is_active")


@admin.register(WardBoundary)
class WardBoundaryAdmin(admin.ModelAdmin):
    list_display = ("ward", "updated_at")


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    list_display = ("pk", "category", "ward", "stage", "requested_at")
    list_filter = ("stage", "category", "district", "source")
    raw_id_fields = ("reporter", "assignee", "ward", "district", "api_key")
    date_hierarchy = "requested_at"


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "shown", "created_at", "last_used_at", "revoked_at")
    fields = ("name",)
    actions = ["revoke"]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiKey, form, change: bool) -> None:
        try:
            created, key = services.api_key_create(actor=request.user, name=obj.name)
        except DomainError as error:
            raise PermissionDenied(error.message) from None
        obj.pk = created.pk
        messages.warning(
            request, f"The key for {created.name} is {key} — copy it now, it is not shown again."
        )

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request: HttpRequest, queryset) -> None:
        for api_key in queryset.filter(revoked_at__isnull=True):
            try:
                services.api_key_revoke(actor=request.user, api_key=api_key)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
