"""Admin for co-production: read-only, because every change goes through the services.

The services check permission, keep the shift and credit guarantees and write the audit
trail; the time credit ledger is never edited at all.
"""

from django.contrib import admin

from coopcouncil.coproduction.models import (
    CommunityAsset,
    CommunityValueNomination,
    CreditOffer,
    GrittingRoute,
    LeaseAgreement,
    MeanwhileLicence,
    Opportunity,
    StaffVolunteeringRequest,
)
from coopcouncil.core.admin import ReadOnlyAdmin


@admin.register(Opportunity)
class OpportunityAdmin(ReadOnlyAdmin):
    list_display = ("role", "ward", "organisation", "is_check_needed")
    list_select_related = ("ward", "organisation")


@admin.register(CreditOffer)
class CreditOfferAdmin(ReadOnlyAdmin):
    list_display = ("title", "partner", "credits", "is_open")
    list_select_related = ("partner",)


@admin.register(GrittingRoute)
class GrittingRouteAdmin(ReadOnlyAdmin):
    list_display = ("name", "ward", "adopted_at")
    list_select_related = ("ward",)


@admin.register(StaffVolunteeringRequest)
class StaffVolunteeringRequestAdmin(ReadOnlyAdmin):
    list_display = ("on_date", "days", "hours", "cause", "status")


@admin.register(CommunityAsset)
class CommunityAssetAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "ward", "condition", "running_cost_pence")
    list_select_related = ("ward",)
    search_fields = ("name", "reference")


@admin.register(LeaseAgreement)
class LeaseAgreementAdmin(ReadOnlyAdmin):
    list_display = ("asset", "organisation", "terms", "starts_on", "ends_on", "next_review_on")
    list_select_related = ("asset", "organisation")


@admin.register(MeanwhileLicence)
class MeanwhileLicenceAdmin(ReadOnlyAdmin):
    list_display = ("asset", "organisation", "use", "starts_on", "ends_on")
    list_select_related = ("asset", "organisation")


@admin.register(CommunityValueNomination)
class CommunityValueNominationAdmin(ReadOnlyAdmin):
    list_display = ("name", "ward", "status", "listed_on", "notice_on")
    list_select_related = ("ward",)
