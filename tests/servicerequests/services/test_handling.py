"""Handling: the district team triages, assigns, updates and closes; the reporter is told."""

import pytest
from django.core import mail

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.servicerequests import services
from coopcouncil.servicerequests.models import Stage


def test_closing_records_the_note_and_time_and_emails_the_reporter(
    report, team_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        closed = services.service_request_update(
            actor=team_officer, request=report, stage=Stage.CLOSED, note="Cleared on Tuesday."
        )
    assert closed.status == "closed" and closed.closed_at is not None
    assert closed.status_notes == "Cleared on Tuesday."
    assert [u.stage for u in closed.updates.all()] == [Stage.RECEIVED, Stage.CLOSED]
    assert AuditEvent.objects.filter(action="servicerequests.closed").count() == 1
    (email,) = mail.outbox
    assert email.to == [report.reporter.email]
    assert "Cleared on Tuesday." in email.body and "Closed" in email.subject


def test_closing_without_saying_what_was_done_is_refused(report, team_officer):
    with pytest.raises(DomainError) as refused:
        services.service_request_update(actor=team_officer, request=report, stage=Stage.CLOSED)
    assert refused.value.code == "note_missing"
    assert not mail.outbox


def test_reopening_clears_the_closing_time(report, team_officer):
    services.service_request_update(
        actor=team_officer, request=report, stage=Stage.CLOSED, note="Done"
    )
    reopened = services.service_request_update(
        actor=team_officer, request=report, stage=Stage.RECEIVED, note="It is back."
    )
    assert reopened.closed_at is None and reopened.status == "open"


def test_a_stage_it_already_has_is_a_conflict(report, team_officer):
    with pytest.raises(Conflict):
        services.service_request_update(actor=team_officer, request=report, stage=Stage.RECEIVED)


def test_officers_of_another_district_and_residents_cannot_handle_it(
    report, make_role, places, reporter
):
    from coopcouncil.places.models import District

    elsewhere = make_role(
        "officer", team="district_team", district=District.objects.get(slug="chadderton")
    )
    for actor in (elsewhere, reporter):
        with pytest.raises(NotAllowed):
            services.service_request_update(
                actor=actor, request=report, stage=Stage.TRIAGED, note="x"
            )


def test_a_request_is_assigned_only_to_someone_who_handles_its_district(
    report, team_officer, reporter, django_capture_on_commit_callbacks
):
    with pytest.raises(DomainError) as refused:
        services.service_request_assign(actor=team_officer, request=report, assignee=reporter)
    assert refused.value.code == "assignee_not_handler"
    with django_capture_on_commit_callbacks(execute=True):
        assigned = services.service_request_assign(
            actor=team_officer, request=report, assignee=team_officer, note="Crew booked"
        )
    assert assigned.stage == Stage.ASSIGNED and assigned.assignee == team_officer
    assert len(mail.outbox) == 1


def test_root_cause_and_failure_demand_are_tagged_without_telling_the_reporter(
    report, team_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tagged = services.service_request_tag(
            actor=team_officer,
            request=report,
            root_cause="missed_collection",
            is_failure_demand=True,
        )
    assert tagged.root_cause == "missed_collection" and tagged.is_failure_demand
    assert not mail.outbox
    with pytest.raises(DomainError):
        services.service_request_tag(
            actor=team_officer, request=report, root_cause="aliens", is_failure_demand=False
        )
