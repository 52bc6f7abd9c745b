"""Unsuccessful applications lose what they say about people after the period; the
application, its amounts, the awards and the dashboards' figures stay."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from coopcouncil.core.retention import retention_apply
from coopcouncil.grants import services
from coopcouncil.grants.models import Application, Attachment
from coopcouncil.grants.selectors.awards import dashboard
from coopcouncil.grants.services.retention import GRANTS_RETENTION_RULES

pytestmark = pytest.mark.django_db

RULE = GRANTS_RETENTION_RULES[0]
PERIOD = timedelta(days=3 * 365)


@pytest.fixture
def declined(make_application, score_all, district_officer, partnership):
    application = services.application_decide(
        actor=district_officer,
        application=score_all(make_application(title="Declined hydro")),
        outcome=services.DECLINE,
        reasons="Outcomes not shown",
        feedback="Talk to Jo Bloggs at the hub about the budget.",
    )
    Attachment.objects.create(
        application=application,
        title="Letter of support",
        file=ContentFile(b"%PDF-1.4 from a neighbour", name="letter.pdf"),
        original_name="letter.pdf",
        content_type="application/pdf",
        extension="pdf",
        size_bytes=24,
    )
    return application


def _age(application, *, days: int) -> None:
    then = timezone.now() - timedelta(days=days)
    Application.objects.filter(pk=application.pk).update(decided_at=then, submitted_at=then)


def _figures():
    board = dashboard()
    return (board, list(Application.objects.values_list("pk", "status", "amount_pence")))


def test_dry_run_counts_and_changes_nothing(declined):
    _age(declined, days=3 * 365 + 1)
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=True) == 1
    declined.refresh_from_db()
    assert declined.created_by_id and declined.project and declined.feedback
    assert Attachment.objects.filter(application=declined).exists()


def test_declined_application_older_than_the_period_is_anonymised_and_figures_stay(
    declined, awarded, make_application, django_capture_on_commit_callbacks
):
    _age(declined, days=3 * 365 + 1)
    _age(awarded, days=10 * 365)
    recent = make_application(title="Recent decline")
    Application.objects.filter(pk=recent.pk).update(
        status=Application.Status.INELIGIBLE, eligibility_note="Not constituted yet"
    )
    stored = Attachment.objects.get(application=declined).file
    before = _figures()
    with django_capture_on_commit_callbacks(execute=True):
        assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 1
    declined.refresh_from_db()
    assert (declined.created_by, declined.project, declined.outcomes, declined.feedback) == (
        None,
        "",
        "",
        "",
    )
    assert declined.title == "Declined hydro" and declined.decision_reasons
    assert not Attachment.objects.filter(application=declined).exists()
    assert not stored.storage.exists(stored.name)
    awarded.refresh_from_db()
    recent.refresh_from_db()
    assert awarded.created_by_id and awarded.project  # an award is the public record
    assert recent.eligibility_note == "Not constituted yet"  # within the period
    assert _figures() == before
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 0


def test_ineligible_application_counts_from_its_submission(make_application):
    application = make_application("submitted", title="Ineligible hydro")
    then = timezone.now() - PERIOD - timedelta(days=1)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.INELIGIBLE, submitted_at=then, eligibility_note="No bank"
    )
    assert RULE.enforce(before=timezone.now() - PERIOD, dry_run=False) == 1
    application.refresh_from_db()
    assert application.eligibility_note == "" and application.created_by is None


def test_the_run_reports_the_rule_and_its_setting(settings, declined):
    _age(declined, days=40)
    settings.COOPCOUNCIL_RETENTION_GRANTS_UNSUCCESSFUL_APPLICATIONS_DAYS = 30
    outcomes = {o.record_type: o for o in retention_apply(dry_run=True)}
    report = outcomes["grants.unsuccessful_applications"]
    assert (report.action, report.days, report.count) == ("anonymised", 30, 1)
    assert outcomes["grants.applications"].action == "kept"
