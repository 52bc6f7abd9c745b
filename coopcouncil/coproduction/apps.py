from django.apps import AppConfig


class CoproductionConfig(AppConfig):
    name = "coopcouncil.coproduction"
    label = "coproduction"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.coproduction import permissions  # noqa: F401
