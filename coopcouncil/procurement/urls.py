from django.urls import path

from coopcouncil.procurement import views

app_name = "procurement"
urlpatterns = [
    path("", views.index, name="index"),
    path("exercises/new/", views.exercise_create, name="exercise_create"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise"),
    path("exercises/<slug:slug>/panel/", views.panel_member_add, name="panel_add"),
    path("exercises/<slug:slug>/tenders/new/", views.tender_create, name="tender_create"),
    path("tenders/<int:tender_id>/", views.tender_detail, name="tender"),
    path("tenders/<int:tender_id>/lots/<int:number>/bid/", views.bid_submit, name="bid_submit"),
    path(
        "tenders/<int:tender_id>/lots/<int:number>/evaluate/",
        views.lot_evaluate,
        name="evaluate",
    ),
    path("tenders/<int:tender_id>/lots/<int:number>/award/", views.lot_award, name="award"),
    path(
        "tenders/<int:tender_id>/lots/<int:number>/moderate/",
        views.score_moderate,
        name="moderate",
    ),
    path("measures/", views.measure_list, name="measures"),
    path("measures/themes/new/", views.theme_edit, name="theme_create"),
    path("measures/themes/<slug:slug>/", views.theme_edit, name="theme_edit"),
    path("measures/outcomes/new/", views.outcome_edit, name="outcome_create"),
    path("measures/outcomes/<slug:slug>/", views.outcome_edit, name="outcome_edit"),
    path("measures/new/", views.measure_edit, name="measure_create"),
    path("measures/<slug:code>/", views.measure_edit, name="measure_edit"),
    path("bids/<int:bid_id>/", views.bid_detail, name="bid"),
    path("bids/<int:bid_id>/score/", views.bid_score, name="bid_score"),
    path("contracts/", views.contract_list, name="contracts"),
    path("contracts/<int:contract_id>/", views.contract_detail, name="contract"),
    path("contracts/<int:contract_id>/returns/new/", views.return_submit, name="return_submit"),
    path("return-lines/<int:line_id>/remedy/", views.remedy_record, name="remedy"),
    path("quotations/new/", views.quotation_award, name="quotation_award"),
    path("social-value/", views.social_value, name="social_value"),
    path("ocds/release-package.json", views.ocds_release_package, name="ocds_releases"),
    path("ocds/record-package.json", views.ocds_record_package, name="ocds_records"),
    path("contracts.csv", views.contracts_csv, name="contracts_csv"),
]
