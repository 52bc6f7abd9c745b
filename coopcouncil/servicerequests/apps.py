from django.apps import AppConfig


class ServiceRequestsConfig(AppConfig):
    name = "coopcouncil.servicerequests"
    label = "servicerequests"
    verbose_name = "Service requests"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.people.interfaces import PersonalDataSection, personal_data_register
        from coopcouncil.servicerequests import permissions  # noqa: F401
        from coopcouncil.servicerequests.selectors import servicerequests_personal_data
        from coopcouncil.servicerequests.services import servicerequests_erase

        personal_data_register(
            PersonalDataSection(
                "servicerequests", servicerequests_personal_data, servicerequests_erase
            )
        )

        from coopcouncil.core.interfaces import retention_register
        from coopcouncil.servicerequests.services.retention import (
            SERVICEREQUESTS_RETENTION_RULES,
        )

        retention_register(*SERVICEREQUESTS_RETENTION_RULES)
