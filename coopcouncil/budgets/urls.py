from django.urls import path, re_path

from coopcouncil.budgets.views import allocations, autonomy, monitoring, ward_budgets, ward_polls

app_name = "budgets"
urlpatterns = [
    path("", allocations.index, name="index"),
    path("lines/new/", allocations.line_create, name="line_create"),
    path("lines/<slug:slug>/", allocations.line_detail, name="line"),
    path("lines/<slug:slug>/formulas/", allocations.formula_create, name="formula_create"),
    path("lines/<slug:slug>/wards/", allocations.line_ward_devolution, name="line_wards"),
    path("lines/<slug:slug>/compare/", allocations.compare, name="compare"),
    path("formulas/<int:formula_id>/adopt/", allocations.adopt, name="adopt"),
    path("allocations/<int:allocation_id>/", allocations.allocation_detail, name="allocation"),
    path("monitoring/", monitoring.report, name="monitoring"),
    re_path(
        r"^monitoring/export\.(?P<file_format>csv|json)$",
        monitoring.export,
        name="monitoring_export",
    ),
    path("monitoring/import/", monitoring.spend_import, name="spend_import"),
    path("monitoring/commitments/new/", monitoring.commitment_create, name="commitment_create"),
    path("monitoring/commitments/sync/", monitoring.commitments_sync, name="commitments_sync"),
    path("monitoring/cost-centres/", monitoring.cost_centres, name="cost_centres"),
    path("autonomy/", autonomy.request_list, name="autonomy"),
    path("autonomy/<int:request_id>/", autonomy.request_detail, name="autonomy_request"),
    path("autonomy/<int:request_id>/assess/", autonomy.request_assess, name="autonomy_assess"),
    path("autonomy/<int:request_id>/cabinet/", autonomy.request_cabinet, name="autonomy_cabinet"),
    path("ladder/", autonomy.ladder, name="ladder"),
    path("ladder/place/", autonomy.ladder_place, name="ladder_place"),
    path("ladder/<slug:slug>/challenge/", autonomy.ladder_challenge, name="ladder_challenge"),
    path("ladder/answers/<int:challenge_id>/", autonomy.ladder_answer, name="ladder_answer"),
    path("ward-budgets/", ward_budgets.published, name="ward_budgets"),
    path("ward-budgets/mine/", ward_budgets.mine, name="my_ward_budget"),
    path("ward-budgets/open/", ward_budgets.open_year, name="ward_budgets_open"),
    path("ward-budgets/mine/polls/new/", ward_polls.poll_create, name="ward_poll_create"),
    path("ward-budgets/polls/<int:poll_id>/", ward_polls.poll_detail, name="ward_poll"),
    path("ward-budgets/polls/<int:poll_id>/vote/", ward_polls.poll_vote, name="ward_poll_vote"),
    path("ward-budgets/decisions/", ward_budgets.decisions, name="ward_decisions"),
    path(
        "ward-budgets/allocations/<int:allocation_id>/decide/",
        ward_budgets.decide,
        name="ward_decide",
    ),
]
