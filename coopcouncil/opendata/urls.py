from django.urls import path

from coopcouncil.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.open_data_index, name="index"),
    path("popolo.json", views.popolo_json, name="popolo"),
    path("wards.csv", views.wards_csv, name="wards_csv"),
    path("pb-results.pabulib.zip", views.pb_results_pabulib, name="pabulib_zip"),
    path("<slug:slug>.csv", views.dataset_csv, name="dataset_csv"),
    path("<slug:slug>.json", views.dataset_json, name="dataset_json"),
]
