from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coopcouncil.people"
    label = "people"
    verbose_name = "People, organisations and roles"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from django.contrib.auth.signals import user_logged_in

        from coopcouncil.core.permissions import staff_check_register
        from coopcouncil.people import permissions
        from coopcouncil.people.views.two_factor import two_factor_on_sign_in

        user_logged_in.connect(two_factor_on_sign_in, dispatch_uid="people.two_factor")

        # Places' staff rules read roles through core (places sits below people).
        staff_check_register(permissions.staff_by_roles)

        from coopcouncil.core.interfaces import retention_register
        from coopcouncil.people.services.retention import PEOPLE_RETENTION_RULES

        retention_register(*PEOPLE_RETENTION_RULES)
