from django.urls import path

from coopcouncil.places import views

app_name = "places"
urlpatterns = [
    path("", views.home, name="home"),
    path("districts/<slug:slug>/", views.district_detail, name="district"),
    path("wards/<slug:slug>/", views.ward_detail, name="ward"),
]
