from django.contrib import admin

from coopcouncil.membership.models import AuctionResult, Benefit, Membership, SwitchingRound


@admin.register(SwitchingRound)
class SwitchingRoundAdmin(admin.ModelAdmin):
    list_display = ("name", "registration_opens", "registration_closes", "acceptance_closes")


@admin.register(AuctionResult)
class AuctionResultAdmin(admin.ModelAdmin):
    # Results change only by running the auction (services.auction_hold).
    list_display = ("round", "winning_bid", "registrations", "switching", "average_saving_pence")
    readonly_fields = [f.name for f in AuctionResult._meta.fields]


@admin.register(Benefit)
class BenefitAdmin(admin.ModelAdmin):
    list_display = ("title", "partner", "kind", "valid_from", "valid_until")
    list_filter = ("kind",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "ward", "joined_at")
    list_filter = ("ward",)
