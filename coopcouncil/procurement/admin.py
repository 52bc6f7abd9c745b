"""Admin for procurement: read-only, because every change goes through the audited services.

The catalogue is kept on ``/procurement/measures/``, tenders, bids, scores and awards on their
own pages, so each change is permission-checked and leaves one audit record. The admin is for
looking things up.
"""

from django.contrib import admin

from coopcouncil.core.admin import ReadOnlyAdmin, ReadOnlyInline
from coopcouncil.procurement.models import (
    Bid,
    CommissioningExercise,
    Commitment,
    Contract,
    Measure,
    MeasureOutcome,
    MeasureTheme,
    QuarterlyReturn,
    Quote,
    SocialValueOffer,
    Tender,
    TenderLot,
)


@admin.register(MeasureTheme)
class MeasureThemeAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug"]


@admin.register(MeasureOutcome)
class MeasureOutcomeAdmin(ReadOnlyAdmin):
    list_display = ["name", "theme"]
    list_filter = ["theme"]


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "unit", "proxy_value_pence", "outcome"]
    search_fields = ["code", "name"]


@admin.register(CommissioningExercise)
class CommissioningExerciseAdmin(ReadOnlyAdmin):
    list_display = ["title", "district", "budget_pence", "created_at"]
    search_fields = ["title"]


class TenderLotInline(ReadOnlyInline):
    model = TenderLot


@admin.register(Tender)
class TenderAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "deadline"]
    list_filter = ["status"]
    search_fields = ["title"]
    inlines = [TenderLotInline]


class SocialValueOfferInline(ReadOnlyInline):
    model = SocialValueOffer


@admin.register(Bid)
class BidAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "lot", "price_pence", "submitted_at"]
    search_fields = ["organisation__name"]
    inlines = [SocialValueOfferInline]


class QuoteInline(ReadOnlyInline):
    model = Quote


class CommitmentInline(ReadOnlyInline):
    model = Commitment


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ["title", "route", "supplier", "value_pence", "awarded_at"]
    list_filter = ["route"]
    search_fields = ["title", "supplier__name"]
    inlines = [CommitmentInline, QuoteInline]


@admin.register(QuarterlyReturn)
class QuarterlyReturnAdmin(ReadOnlyAdmin):
    list_display = ["contract", "year", "quarter", "submitted_at"]
