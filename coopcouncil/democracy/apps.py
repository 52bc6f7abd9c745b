from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "coopcouncil.democracy"
    label = "democracy"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.democracy import permissions  # noqa: F401
        from coopcouncil.democracy.selectors.personal_data import democracy_personal_data
        from coopcouncil.democracy.services.personal_data import democracy_erase
        from coopcouncil.people.interfaces import PersonalDataSection, personal_data_register

        personal_data_register(
            PersonalDataSection("democracy", democracy_personal_data, democracy_erase)
        )

        from coopcouncil.core.interfaces import RetentionRule, retention_register

        # Kept for good, and why (core.interfaces, "Retention"); erasure still applies.
        retention_register(
            RetentionRule(
                "democracy.public_record",
                "Call-in signatures, public questions and named votes: the published "
                "democratic record (counts by ward, minutes), kept for good; a person's "
                "name comes off on erasure.",
                "kept",
            )
        )

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.core.interfaces import AccountUse, account_uses_register
    from coopcouncil.democracy.models import (
        AnnualReport,
        CallInSignature,
        FeedbackReceipt,
        FeedbackRound,
        InterestDeclaration,
        MeetingAttendance,
        MeetingPaper,
        PartnershipMember,
        PulseReceipt,
        Question,
        SessionAttendance,
        Vote,
    )

    account_uses_register(
        AccountUse(AnnualReport, "councillor"),
        AccountUse(CallInSignature, "signer"),
        AccountUse(FeedbackReceipt, "respondent"),
        AccountUse(FeedbackRound, "subject"),
        AccountUse(InterestDeclaration, "user"),
        AccountUse(MeetingAttendance, "user"),
        AccountUse(MeetingPaper, "uploaded_by"),
        AccountUse(PartnershipMember, "user"),
        AccountUse(PulseReceipt, "respondent"),
        AccountUse(Question, "asker"),
        AccountUse(Question, "moderated_by"),
        AccountUse(SessionAttendance, "councillor"),
        AccountUse(Vote, "councillor"),
    )
