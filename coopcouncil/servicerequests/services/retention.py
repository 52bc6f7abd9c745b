"""How long a report keeps its reporter's contact details (registered in the app config).

The report stays (demand figures and the public map count it); the email an Open311
client passed for status updates is cleared once the report has been closed that long.
"""

from __future__ import annotations

from datetime import datetime

from coopcouncil.core.interfaces import RetentionRule
from coopcouncil.servicerequests.models import ServiceRequest


def _reporter_contact(*, before: datetime, dry_run: bool) -> int:
    closed = ServiceRequest.objects.filter(closed_at__lt=before).exclude(contact_email="")
    return closed.count() if dry_run else closed.update(contact_email="")


SERVICEREQUESTS_RETENTION_RULES = (
    RetentionRule(
        "servicerequests.reporter_contact",
        "The reporter's contact email on a report, after the report is closed.",
        "anonymised",
        365,
        _reporter_contact,
    ),
)
