from django.urls import path

from coopcouncil.coproduction.views import assets, credits, figures, gritting, staff, volunteering

app_name = "coproduction"
urlpatterns = [
    path("", volunteering.index, name="index"),
    path("opportunities/new/", volunteering.opportunity_create, name="opportunity_create"),
    path(
        "opportunities/<int:opportunity_id>/", volunteering.opportunity_detail, name="opportunity"
    ),
    path(
        "opportunities/<int:opportunity_id>/shifts/", volunteering.shift_create, name="shift_create"
    ),
    path("shifts/<int:shift_id>/sign-up/", volunteering.shift_sign_up, name="sign_up"),
    path("sign-ups/<int:sign_up_id>/cancel/", volunteering.sign_up_cancel, name="cancel"),
    path("sign-ups/<int:sign_up_id>/confirm/", volunteering.attendance_confirm, name="confirm"),
    path("safeguarding/", volunteering.safeguarding_check, name="safeguarding"),
    path("credits/", credits.credits_index, name="credits"),
    path("credits/offers/new/", credits.offer_create, name="offer_create"),
    path("credits/offers/<int:offer_id>/spend/", credits.credits_spend, name="spend"),
    path("credits/redeem/", credits.redeem, name="redeem"),
    path("gritting/", gritting.gritting, name="gritting"),
    path("gritting/routes/", gritting.route_create, name="route_create"),
    path("gritting/routes/<int:route_id>/adopt/", gritting.route_adopt, name="route_adopt"),
    path("gritting/routes/<int:route_id>/log/", gritting.route_log, name="route_log"),
    path(
        "gritting/routes/<int:route_id>/equipment/",
        gritting.equipment_issue,
        name="equipment_issue",
    ),
    path(
        "gritting/equipment/<int:loan_id>/return/",
        gritting.equipment_return,
        name="equipment_return",
    ),
    path("gritting/alerts/", gritting.alert_send, name="alert_send"),
    path("staff/", staff.staff, name="staff"),
    path("staff/<int:request_id>/decide/", staff.staff_decide, name="staff_decide"),
    path("assets/", assets.assets, name="assets"),
    path("assets/import/", assets.assets_import, name="assets_import"),
    path("assets/desk/", assets.applications, name="applications"),
    path("assets/desk/licences/", assets.licence_grant, name="licence_grant"),
    path(
        "assets/applications/<int:application_id>/decide/",
        assets.application_decide,
        name="application_decide",
    ),
    path(
        "assets/commitments/<int:commitment_id>/returns/",
        assets.commitment_return,
        name="commitment_return",
    ),
    path("assets/<slug:reference>/", assets.asset_detail, name="asset"),
    path("community-value/", assets.community_value, name="community_value"),
    path(
        "community-value/<int:nomination_id>/",
        assets.community_value_detail,
        name="community_value_detail",
    ),
    path(
        "community-value/<int:nomination_id>/decide/",
        assets.community_value_decide,
        name="community_value_decide",
    ),
    path(
        "community-value/<int:nomination_id>/notice/",
        assets.community_value_notice,
        name="community_value_notice",
    ),
    path("figures/", figures.figures, name="figures"),
    path("open-data/community-assets.csv", figures.assets_csv, name="assets_csv"),
    path("open-data/leases.csv", figures.leases_csv, name="leases_csv"),
    path("open-data/ward-figures.csv", figures.ward_figures_csv, name="ward_figures_csv"),
]
