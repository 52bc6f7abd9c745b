from django.urls import path

from coopcouncil.insight.views import (
    commitments,
    dashboard,
    outcomes,
    participation,
    principles,
    social_map,
    standards,
)

app_name = "insight"
urlpatterns = [
    path("", dashboard.index, name="index"),
    path("participation/", participation.participation, name="participation"),
    path(
        "participation/refresh/",
        participation.participation_refresh,
        name="participation_refresh",
    ),
    path("outcomes/", outcomes.outcome_list, name="outcomes"),
    path("outcomes/new/", outcomes.outcome_create, name="outcome_create"),
    path("outcomes/measurements/", outcomes.measurements_import, name="measurements_import"),
    path("outcomes/<slug:slug>/", outcomes.outcome_detail, name="outcome"),
    path("outcomes/<slug:slug>/indicators/", outcomes.indicator_create, name="indicator_create"),
    path("outcomes/<slug:slug>/activities/", outcomes.activity_link, name="activity_link"),
    path("indicators/<slug:code>/", outcomes.indicator_detail, name="indicator"),
    path("commitments/", commitments.commitment_list, name="commitments"),
    path("commitments/new/", commitments.commitment_create, name="commitment_create"),
    path("commitments/<slug:slug>/", commitments.commitment_detail, name="commitment"),
    path(
        "commitments/<slug:slug>/update/", commitments.commitment_update, name="commitment_update"
    ),
    path("commitments/<slug:slug>/milestones/", commitments.milestone_add, name="milestone_add"),
    path(
        "commitments/<slug:slug>/milestones/<int:milestone_id>/done/",
        commitments.milestone_complete,
        name="milestone_complete",
    ),
    path("standards/", standards.standards_index, name="standards"),
    path("standards/<slug:slug>/", standards.district_standards, name="district_standards"),
    path("standards/<slug:slug>/new/", standards.standard_create, name="standard_create"),
    path(
        "standards/<slug:slug>/<int:standard_id>/figure/",
        standards.standard_figure,
        name="standard_figure",
    ),
    path("principles/", principles.principles, name="principles"),
    path("principles/tag/", principles.principle_tag, name="principle_tag"),
    path("services/", principles.productivity, name="productivity"),
    path("services/<slug:slug>/assess/", principles.service_assess, name="service_assess"),
    path("social-map/", social_map.social_map, name="social_map"),
    path("social-map.geojson", social_map.social_map_geojson, name="social_map_geojson"),
]
