from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "coopcouncil.opendata"
    label = "opendata"
    verbose_name = "Open data"
