from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coopcouncil.people"
    label = "people"
    verbose_name = "People, organisations and roles"
