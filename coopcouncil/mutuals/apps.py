from django.apps import AppConfig


class MutualsConfig(AppConfig):
    name = "coopcouncil.mutuals"
    label = "mutuals"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.mutuals import permissions  # noqa: F401
        from coopcouncil.mutuals.selectors import mutuals_personal_data
        from coopcouncil.mutuals.services import mutuals_erase
        from coopcouncil.people.interfaces import PersonalDataSection, personal_data_register

        # A person's memberships, votes cast (never how) and share applications go in their
        # export; erasure ends the memberships and keeps every turnout right.
        personal_data_register(PersonalDataSection("mutuals", mutuals_personal_data, mutuals_erase))

        from coopcouncil.core.interfaces import retention_register
        from coopcouncil.mutuals.services.retention import MUTUALS_RETENTION_RULES

        retention_register(*MUTUALS_RETENTION_RULES)

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.core.interfaces import AccountUse, account_uses_register
    from coopcouncil.mutuals.models import (
        Member,
        Mutual,
        Representative,
        ShareApplication,
        SpinOutStage,
    )

    account_uses_register(
        AccountUse(Member, "user"),
        AccountUse(Mutual.secretaries.through, "user"),
        AccountUse(Representative, "user"),
        AccountUse(ShareApplication, "user"),
        AccountUse(SpinOutStage, "signed_off_by"),
    )
