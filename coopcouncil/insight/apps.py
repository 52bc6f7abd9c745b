from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "coopcouncil.insight"
    label = "insight"
    verbose_name = _("Insight and outcomes")

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.insight import permissions  # noqa: F401
