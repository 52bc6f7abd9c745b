from django.apps import AppConfig


class ServiceRequestsConfig(AppConfig):
    name = "coopcouncil.servicerequests"
    label = "servicerequests"
    verbose_name = "Service requests"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.servicerequests import permissions  # noqa: F401
