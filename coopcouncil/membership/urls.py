from django.urls import path

from coopcouncil.membership.views import deal, energy

app_name = "membership"

urlpatterns = [
    path("", deal.home, name="home"),
    path("join/", deal.join, name="join"),
    path("pledges/take/", deal.pledge_take, name="pledge_take"),
    path("pledges/keep/", deal.pledge_keep, name="pledge_keep"),
    path("benefits/new/", deal.benefit_new, name="benefit_new"),
    path("benefits/<int:benefit_id>/claim/", deal.benefit_claim, name="benefit_claim"),
    path("redeem/", deal.redeem, name="redeem"),
    path("uptake/", deal.uptake, name="uptake"),
    path("uptake.csv", deal.uptake_csv, name="uptake_csv"),
    path("energy/", energy.index, name="energy"),
    path("energy/new/", energy.round_new, name="round_new"),
    path("energy/auctions.csv", energy.auctions_csv, name="auctions_csv"),
    path("energy/<int:round_id>/", energy.round_detail, name="round"),
    path("energy/<int:round_id>/register/", energy.register, name="register"),
    path("energy/<int:round_id>/offer/", energy.offer_decide, name="offer_decide"),
    path("energy/<int:round_id>/bids/", energy.bids_upload, name="bids_upload"),
    path("energy/<int:round_id>/auction/", energy.auction_run, name="auction_run"),
    path("energy/<int:round_id>/finder-fee/", energy.fee_settle, name="fee_settle"),
]
