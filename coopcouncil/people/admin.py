from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from coopcouncil.core.admin import ReadOnlyAdmin
from coopcouncil.people.models import (
    ApiKey,
    InterestDeclaration,
    LetterBatch,
    Organisation,
    Residency,
    RoleAssignment,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("full_name",)
    list_display = ("full_name", "email", "email_verified_at", "is_staff", "is_active")
    search_fields = ("full_name", "email")
    fieldsets = (
        (None, {"fields": ("email", "password", "full_name", "date_of_birth")}),
        ("Status", {"fields": ("email_verified_at", "is_active", "is_staff", "is_superuser")}),
        ("Django permissions", {"fields": ("groups", "user_permissions")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "full_name", "password1", "password2")}),)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting the row would take other apps' records with it (a co-op membership,
        # share applications, safeguarding checks) and change public figures; a person
        # leaves through erasure (people.services.user_erase), which keeps them right.
        return False


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "district")
    list_filter = ("kind", "district")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = (
        "user",
        "role",
        "ward",
        "district",
        "organisation",
        "team",
        "start_date",
        "end_date",
    )
    list_filter = ("role", "team")
    search_fields = ("user__full_name", "user__email")
    autocomplete_fields = ("user",)


@admin.register(Residency)
class ResidencyAdmin(SimpleHistoryAdmin):
    list_display = ("user", "ward", "status", "method", "verified_at", "expires_at")
    list_filter = ("status", "method")
    search_fields = ("user__full_name",)


admin.site.register(LetterBatch)
admin.site.site_header = "coopcouncil administration"


@admin.register(InterestDeclaration)
class InterestDeclarationAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "reason", "declared_at")
    search_fields = ("organisation__name", "reason")
    raw_id_fields = ("user", "recorded_by")


@admin.register(ApiKey)
class ApiKeyAdmin(ReadOnlyAdmin):
    """To look keys up; issuing and revoking go through the audited services (the keys page
    or ``coopcouncil api-keys``), so the admin never holds a key it could show."""

    list_display = (
        "name",
        "user",
        "shown",
        "is_read_only",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    list_filter = ("is_read_only",)
    search_fields = ("name", "user__email", "shown")
    readonly_fields = [f.name for f in ApiKey._meta.fields]
