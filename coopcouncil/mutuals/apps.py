from django.apps import AppConfig


class MutualsConfig(AppConfig):
    name = "coopcouncil.mutuals"
    label = "mutuals"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.mutuals import permissions  # noqa: F401
