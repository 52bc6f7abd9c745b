from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "coopcouncil.procurement"
    label = "procurement"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.procurement import permissions  # noqa: F401
