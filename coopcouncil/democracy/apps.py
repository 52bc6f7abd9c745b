from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "coopcouncil.democracy"
    label = "democracy"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.democracy import permissions  # noqa: F401
