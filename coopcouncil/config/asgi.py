"""ASGI entry point: Django, with the call-in signing lane in front on PostgreSQL."""

import os
import warnings

from django.core.asgi import get_asgi_application

# WhiteNoise hands Django file iterators that are synchronous; under ASGI Django reads
# them in a thread and warns on every static file. The files are small; say it once.
warnings.filterwarnings("once", message="StreamingHttpResponse must consume synchronous")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcouncil.config.settings")
django_application = get_asgi_application()

from coopcouncil.core.logs import RequestIdASGI  # noqa: E402
from coopcouncil.core.page_lane import page_lane_for_site  # noqa: E402
from coopcouncil.democracy.signing_lane.app import lane_for_site  # noqa: E402 - needs setup

# The request id is set outside the lanes, so their replies and Django's share it. The page
# lane answers signed-out readers of stored public pages before Django's handler runs.
application = RequestIdASGI(page_lane_for_site(lane_for_site(django_application)))
