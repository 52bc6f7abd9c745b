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

        from coopcouncil.core.interfaces import RetentionRule, retention_register

        # Kept for good, and why (core.interfaces, "Retention"); erasure still applies.
        retention_register(
            RetentionRule(
                "membership.members",
                "Co-op membership, energy registrations and pledges: the society's "
                "register of members, kept as the society's rules require; the member "
                "is anonymised on erasure.",
                "kept",
            )
        )
