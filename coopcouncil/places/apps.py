from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "coopcouncil.places"
    label = "places"
    verbose_name = "Places: borough, districts, wards"
