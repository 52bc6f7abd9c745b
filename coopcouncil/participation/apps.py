from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "coopcouncil.participation"
    label = "participation"
