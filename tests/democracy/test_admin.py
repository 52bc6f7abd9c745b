"""The democracy admin is read-only: changes go through the audited services."""

import pytest

from coopcouncil.democracy.models import Decision

pytestmark = pytest.mark.django_db


def test_admin_lists_democracy_records_without_add_or_change(admin_client, partnership):
    decision = Decision.objects.create(partnership=partnership, title="Fix the swings")
    models = ["districtpartnership", "partnershipmember", "meeting", "meetingpaper", "decision"]
    for model in [*models, "pulsesurvey"]:
        assert admin_client.get(f"/admin/democracy/{model}/").status_code == 200, model
    assert admin_client.get(f"/admin/democracy/decision/{decision.pk}/history/").status_code == 200
    assert admin_client.get("/admin/democracy/decision/add/").status_code == 403


def test_anonymous_answers_are_not_in_the_admin(admin_client):
    assert admin_client.get("/admin/democracy/feedbackresponse/").status_code == 404
    assert admin_client.get("/admin/democracy/pulsereceipt/").status_code == 404
