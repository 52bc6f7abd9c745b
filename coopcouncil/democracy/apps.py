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
