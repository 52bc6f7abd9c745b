from django.apps import AppConfig


class CoproductionConfig(AppConfig):
    name = "coopcouncil.coproduction"
    label = "coproduction"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.coproduction import permissions  # noqa: F401
        from coopcouncil.coproduction.selectors import coproduction_personal_data
        from coopcouncil.coproduction.services import coproduction_erase
        from coopcouncil.people.interfaces import PersonalDataSection, personal_data_register

        # A person's shifts, hours, credits, routes and staff days, in their export and erasure.
        personal_data_register(
            PersonalDataSection("coproduction", coproduction_personal_data, coproduction_erase)
        )

        from coopcouncil.core.interfaces import RetentionRule, retention_register

        # Kept for good, and why (core.interfaces, "Retention"); erasure still applies.
        retention_register(
            RetentionRule(
                "coproduction.volunteering",
                "Shift sign-ups, confirmed hours and safeguarding checks: hours given "
                "are published totals and time credits, kept for good; the volunteer is "
                "anonymised on erasure.",
                "kept",
            )
        )

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.coproduction.models import (
        CommunityValueNomination,
        CreditAccount,
        CreditRedemption,
        EquipmentLoan,
        GrittingRoute,
        GrittingRun,
        LeaseApplication,
        Opportunity,
        SafeguardingCheck,
        SignUp,
        StaffVolunteeringRequest,
    )
    from coopcouncil.core.interfaces import AccountUse, account_uses_register

    account_uses_register(
        AccountUse(CommunityValueNomination, "nominated_by"),
        AccountUse(CreditAccount, "person"),
        AccountUse(CreditRedemption, "redeemed_by"),
        AccountUse(EquipmentLoan, "volunteer"),
        AccountUse(GrittingRoute, "volunteer"),
        AccountUse(GrittingRun, "volunteer"),
        AccountUse(LeaseApplication, "submitted_by"),
        AccountUse(Opportunity, "organiser"),
        AccountUse(SafeguardingCheck, "person"),
        AccountUse(SafeguardingCheck, "recorded_by"),
        AccountUse(SignUp, "volunteer"),
        AccountUse(StaffVolunteeringRequest, "employee"),
        AccountUse(StaffVolunteeringRequest, "manager"),
    )
