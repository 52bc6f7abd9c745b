"""Admin for co-operatives and mutuals: read-only, because every change goes through the services.

Who voted and how the votes went are never shown together: the participation rows, tallies
and grouped rankings are not in the admin at all (a ballot's page shows its question and
electorate size), so no admin page can set a voter beside a vote.
"""

from django.contrib import admin

from coopcouncil.mutuals.models import (
    Election,
    Member,
    MemberBallot,
    MemberClass,
    MembershipClass,
    Mutual,
    ShareOffer,
    SpinOut,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MemberClassInline(admin.TabularInline):
    model = MemberClass
    extra = 0
    can_delete = False
    readonly_fields = ["membership_class", "since", "lapsed_on", "lapse_reason"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Mutual)
class MutualAdmin(ReadOnlyAdmin):
    list_display = ["name", "legal_form", "society_number", "company_number", "charity_number"]
    search_fields = ["name"]


@admin.register(MembershipClass)
class MembershipClassAdmin(ReadOnlyAdmin):
    list_display = ["name", "mutual", "min_age", "max_age", "requires_residency", "is_voting"]


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["user", "mutual", "joined_on", "left_on"]
    list_select_related = ["user", "mutual"]
    inlines = [MemberClassInline]


@admin.register(MemberBallot)
class MemberBallotAdmin(ReadOnlyAdmin):
    list_display = ["question", "mutual", "electorate_on", "closes_at", "electorate_size"]
    exclude = ["classes"]


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "mutual", "seats", "rule", "status", "closes_at"]
    exclude = ["classes"]


@admin.register(ShareOffer)
class ShareOfferAdmin(ReadOnlyAdmin):
    list_display = ["title", "mutual", "offer_pence", "closes_at", "allocated_at"]


@admin.register(SpinOut)
class SpinOutAdmin(ReadOnlyAdmin):
    list_display = ["service", "mutual", "started_on"]
