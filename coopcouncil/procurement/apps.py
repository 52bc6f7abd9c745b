from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "coopcouncil.procurement"
    label = "procurement"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.people.interfaces import PersonalDataSection, personal_data_register
        from coopcouncil.procurement import permissions  # noqa: F401
        from coopcouncil.procurement.selectors import procurement_personal_data
        from coopcouncil.procurement.services import procurement_erase

        # A person's panel seats and scores are part of their data export and erasure.
        personal_data_register(
            PersonalDataSection("procurement", procurement_personal_data, procurement_erase)
        )

        from coopcouncil.core.interfaces import retention_register
        from coopcouncil.procurement.services.retention import PROCUREMENT_RETENTION_RULES

        retention_register(*PROCUREMENT_RETENTION_RULES)

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.core.interfaces import AccountUse, account_uses_register
    from coopcouncil.procurement.models import (
        Bid,
        CommissioningExercise,
        Contract,
        ModeratedScore,
        PanelMember,
        QuarterlyReturn,
        ReturnLine,
    )

    account_uses_register(
        AccountUse(Bid, "submitted_by"),
        AccountUse(CommissioningExercise, "created_by"),
        AccountUse(Contract, "awarded_by"),
        AccountUse(ModeratedScore, "moderated_by"),
        AccountUse(PanelMember, "user"),
        AccountUse(QuarterlyReturn, "submitted_by"),
        AccountUse(ReturnLine, "remedy_recorded_by"),
    )
