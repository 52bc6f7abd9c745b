from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "coopcouncil.participation"
    label = "participation"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.participation import permissions  # noqa: F401
