from django.urls import path

from coopcouncil.grants.views import applications, assessment, money, public

app_name = "grants"
urlpatterns = [
    path("", public.index, name="index"),
    path("awards/", public.awards, name="awards"),
    path("360giving.json", public.open_data_json, name="open_data_json"),
    path("360giving.csv", public.open_data_csv, name="open_data_csv"),
    path("360giving.xlsx", public.open_data_xlsx, name="open_data_xlsx"),
    path("funds/<slug:slug>/", public.fund_dashboard, name="fund"),
    path("funds/<slug:slug>/by-ward.csv", public.fund_dashboard_csv, name="fund_csv"),
    path("districts/<slug:slug>/", public.district_dashboard, name="district"),
    path("districts/<slug:slug>/by-ward.csv", public.district_dashboard_csv, name="district_csv"),
    path("rounds/new/", public.round_create, name="round_create"),
    path("rounds/<slug:slug>/", public.round_detail, name="round"),
    path("rounds/<slug:slug>/apply/", applications.application_create, name="apply"),
    path("savings/new/", money.saving_record, name="saving_record"),
    path("payments/", money.payments, name="payments"),
    path("applications/<int:application_id>/", applications.application_detail, name="application"),
    path(
        "applications/<int:application_id>/edit/",
        applications.application_edit,
        name="application_edit",
    ),
    path(
        "applications/<int:application_id>/submit/",
        applications.application_submit,
        name="application_submit",
    ),
    path(
        "applications/<int:application_id>/attachments/",
        applications.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "applications/<int:application_id>/attachments/<int:attachment_id>/",
        applications.attachment_download,
        name="attachment",
    ),
    path(
        "applications/<int:application_id>/eligibility/",
        assessment.eligibility,
        name="eligibility",
    ),
    path(
        "applications/<int:application_id>/interest/",
        assessment.declare_interest,
        name="declare_interest",
    ),
    path("applications/<int:application_id>/score/", assessment.score, name="score"),
    path("applications/<int:application_id>/decide/", assessment.decide, name="decide"),
    path(
        "applications/<int:application_id>/instalments/",
        money.instalment_schedule,
        name="instalment_schedule",
    ),
    path(
        "applications/<int:application_id>/instalments/<int:instalment_id>/approve/",
        money.instalment_approve,
        name="instalment_approve",
    ),
    path(
        "applications/<int:application_id>/reports/",
        money.report_request,
        name="report_request",
    ),
    path(
        "applications/<int:application_id>/reports/<int:report_id>/",
        money.report_submit,
        name="report_submit",
    ),
    path("applications/<int:application_id>/clawback/", money.clawback, name="clawback"),
]
