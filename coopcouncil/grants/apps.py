from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "coopcouncil.grants"
    label = "grants"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.democracy.interfaces import decision_status_listen
        from coopcouncil.grants import permissions  # noqa: F401
        from coopcouncil.grants.selectors import grants_personal_data
        from coopcouncil.grants.services import award_standing_follow, grants_erase

        # A call-in suspending, reinstating or withdrawing an award's decision moves the
        # award's own standing (democracy/interfaces.py; democracy may not import grants).
        decision_status_listen(award_standing_follow)
        from coopcouncil.people.interfaces import PersonalDataSection, personal_data_register

        # People's export and erasure reach grants through this section (people/interfaces.py).
        personal_data_register(PersonalDataSection("grants", grants_personal_data, grants_erase))

        from coopcouncil.core.interfaces import retention_register
        from coopcouncil.grants.services.retention import GRANTS_RETENTION_RULES

        retention_register(*GRANTS_RETENTION_RULES)

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.core.interfaces import AccountUse, account_uses_register
    from coopcouncil.grants.models import (
        Application,
        Clawback,
        FundIncome,
        Instalment,
        Round,
        Score,
        VerifiedSaving,
    )

    account_uses_register(
        AccountUse(Application, "created_by"),
        AccountUse(Clawback, "recorded_by"),
        AccountUse(FundIncome, "recorded_by"),
        AccountUse(Instalment, "approved_by"),
        AccountUse(Round.assessors.through, "user"),
        AccountUse(Score, "assessor"),
        AccountUse(VerifiedSaving, "verified_by"),
    )
