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

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.core.interfaces import AccountUse, account_uses_register
    from coopcouncil.servicerequests.models import (
        ApiKey,
        ReferenceGroupComment,
        ReferenceGroupMember,
        RequestUpdate,
        ServiceRequest,
    )

    account_uses_register(
        AccountUse(ApiKey, "created_by"),
        AccountUse(ReferenceGroupComment, "author"),
        AccountUse(ReferenceGroupMember, "user"),
        AccountUse(RequestUpdate, "author"),
        AccountUse(ServiceRequest, "assignee"),
        AccountUse(ServiceRequest, "reporter"),
    )
