from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "coopcouncil.democracy"
    label = "democracy"
