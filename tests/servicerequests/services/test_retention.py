"""A closed report's contact email is cleared after the period; the report stays."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.servicerequests.models import ServiceRequest
from coopcouncil.servicerequests.services.retention import SERVICEREQUESTS_RETENTION_RULES

pytestmark = pytest.mark.django_db


def test_contact_email_of_a_report_closed_long_ago_is_cleared(report):
    now = timezone.now()
    ServiceRequest.objects.filter(pk=report.pk).update(
        contact_email="someone@example.org", closed_at=now - timedelta(days=400)
    )
    (rule,) = SERVICEREQUESTS_RETENTION_RULES
    assert rule.enforce(before=now - timedelta(days=365), dry_run=True) == 1
    assert rule.enforce(before=now - timedelta(days=365), dry_run=False) == 1
    report.refresh_from_db()
    assert report.contact_email == "" and ServiceRequest.objects.count() == 1
    assert rule.enforce(before=now - timedelta(days=365), dry_run=False) == 0
