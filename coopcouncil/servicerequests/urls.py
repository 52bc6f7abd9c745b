from django.urls import path, re_path

from coopcouncil.servicerequests.views import demand, keys, open311, reports

app_name = "servicerequests"

urlpatterns = [
    path("", reports.index, name="index"),
    path("report/", reports.report_new, name="report"),
    path("queue/", reports.queue, name="queue"),
    path("<int:request_id>/", reports.request_detail, name="detail"),
    path("<int:request_id>/photo", reports.request_photo, name="photo"),
    path("<int:request_id>/stage", reports.request_stage, name="stage"),
    path("<int:request_id>/assign", reports.request_assign, name="assign"),
    path("<int:request_id>/tag", reports.request_tag, name="tag"),
    path("demand/", demand.borough, name="borough"),
    path("demand/ward/<slug:slug>/", demand.ward_dashboard, name="ward"),
    path("demand/<slug:slug>/", demand.district_dashboard, name="district"),
    path("demand/<slug:slug>/requests.geojson", demand.district_geojson, name="district_geojson"),
    path("demand/<slug:slug>/join", demand.reference_group_join, name="group_join"),
    path("demand/<slug:slug>/leave", demand.reference_group_leave, name="group_leave"),
    path("demand/<slug:slug>/comment", demand.reference_group_comment, name="group_comment"),
    path("boundaries.geojson", demand.boundaries, name="boundaries"),
    path("open-data/service-requests.csv", demand.open_data_csv, name="open_data_csv"),
    path("open-data/service-requests.json", demand.open_data_json, name="open_data_json"),
    path("keys/", keys.key_list, name="keys"),
    path("keys/<int:key_id>/revoke", keys.key_revoke, name="key_revoke"),
]

# GeoReport v2, mounted at /open311/v2/ (config/urls.py); every resource as .json or .xml.
FORMAT = r"\.(?P<fmt>json|xml)$"
open311_patterns = [
    re_path(r"^discovery" + FORMAT, open311.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, open311.service_list, name="services"),
    re_path(r"^services/(?P<code>[^/]+?)" + FORMAT, open311.service_definition, name="service"),
    re_path(r"^requests" + FORMAT, open311.request_list, name="requests"),
    re_path(r"^requests/(?P<request_id>[^/]+?)" + FORMAT, open311.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+?)" + FORMAT, open311.token_detail, name="token"),
]
