from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "coopcouncil.places"
    label = "places"
    verbose_name = "Places: borough, districts, wards"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.places import permissions  # noqa: F401
