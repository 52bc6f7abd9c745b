from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coopcouncil.core"
    label = "core"
    verbose_name = "Platform core"
