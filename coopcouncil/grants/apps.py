from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "coopcouncil.grants"
    label = "grants"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.grants import permissions  # noqa: F401
