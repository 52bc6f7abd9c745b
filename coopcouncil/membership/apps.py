from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "coopcouncil.membership"
    label = "membership"
    verbose_name = "Co-operative membership and energy switching"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.membership import permissions  # noqa: F401
        from coopcouncil.membership.selectors import membership_personal_data
        from coopcouncil.membership.services import membership_erase
        from coopcouncil.people.interfaces import PersonalDataSection, personal_data_register

        personal_data_register(
            PersonalDataSection("membership", membership_personal_data, membership_erase)
        )

        from coopcouncil.core.interfaces import retention_register
        from coopcouncil.membership.services.retention import MEMBERSHIP_RETENTION_RULES

        retention_register(*MEMBERSHIP_RETENTION_RULES)

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.core.interfaces import AccountUse, account_uses_register
    from coopcouncil.membership.models import HouseholdRegistration, Membership

    account_uses_register(
        AccountUse(HouseholdRegistration, "user"),
        AccountUse(Membership, "user"),
    )
