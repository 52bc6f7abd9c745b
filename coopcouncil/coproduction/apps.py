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
