"""Links in the emails democracy sends (the sending itself is core.tasks.email_after_commit)."""

from __future__ import annotations

from django.conf import settings


def site_link(path: str) -> str:
    return settings.COOPCOUNCIL["SITE_URL"].rstrip("/") + path
