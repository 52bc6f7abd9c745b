from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "coopcouncil.insight"
    label = "insight"
    verbose_name = _("Insight and outcomes")

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.insight import permissions  # noqa: F401
        from coopcouncil.insight.selectors import insight_personal_data
        from coopcouncil.insight.services import insight_erase
        from coopcouncil.people.interfaces import PersonalDataSection, personal_data_register

        # Only officers' names on the evidence they entered; residents are only counted.
        personal_data_register(PersonalDataSection("insight", insight_personal_data, insight_erase))

        from coopcouncil.core.interfaces import RetentionRule, retention_register

        # Kept for good, and why (core.interfaces, "Retention"); erasure still applies.
        retention_register(
            RetentionRule(
                "insight.measurements",
                "Who loaded measurements and recorded standards' figures: part of "
                "published performance figures, kept for good; the officer is "
                "anonymised on erasure.",
                "kept",
            )
        )

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.core.interfaces import AccountUse, account_uses_register
    from coopcouncil.insight.models import (
        Measurement,
        PrincipleTag,
        ServiceAssessment,
        StandardPerformance,
    )

    account_uses_register(
        AccountUse(Measurement, "imported_by"),
        AccountUse(PrincipleTag, "tagged_by"),
        AccountUse(ServiceAssessment, "assessed_by"),
        AccountUse(StandardPerformance, "recorded_by"),
    )
