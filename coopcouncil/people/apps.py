from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coopcouncil.people"
    label = "people"
    verbose_name = "People, organisations and roles"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.people import permissions  # noqa: F401
