from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "coopcouncil.participation"
    label = "participation"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.participation import permissions  # noqa: F401
        from coopcouncil.participation.selectors import participation_personal_data
        from coopcouncil.people.interfaces import PersonalDataSection, personal_data_register

        personal_data_register(PersonalDataSection("participation", participation_personal_data))

        from coopcouncil.core.interfaces import RetentionRule, retention_register

        # Kept for good, and why (core.interfaces, "Retention"); erasure still applies.
        retention_register(
            RetentionRule(
                "participation.ballots_and_proposals",
                "PB ballots and proposals: counted in published results and Pabulib "
                "exports, kept for good; the voter is anonymised on erasure.",
                "kept",
            )
        )

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.core.interfaces import AccountUse, account_uses_register
    from coopcouncil.participation.models import Ballot, Delivery, PBProcess, Project, Result

    account_uses_register(
        AccountUse(Ballot, "voter"),
        AccountUse(Delivery, "updated_by"),
        AccountUse(PBProcess, "created_by"),
        AccountUse(Project, "proposer"),
        AccountUse(Project, "reviewed_by"),
        AccountUse(Result, "computed_by"),
    )
