"""ASGI entry point: Django, with the call-in signing lane in front on PostgreSQL."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcouncil.config.settings")
django_application = get_asgi_application()

from coopcouncil.democracy.signing_lane.app import lane_for_site  # noqa: E402 - needs setup

application = lane_for_site(django_application)
