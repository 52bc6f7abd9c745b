from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "coopcouncil.membership"
    label = "membership"
    verbose_name = "Co-operative membership and energy switching"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.membership import permissions  # noqa: F401
