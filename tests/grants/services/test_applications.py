"""A group drafts and submits; officers check eligibility; assessors score (or may not)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent
from coopcouncil.grants import selectors, services
from coopcouncil.grants.models import Application, Score
from coopcouncil.people.services import interest_declare


def test_a_member_saves_a_draft_and_submits_it(
    make_application, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application("submitted")
    assert application.status == Application.Status.SUBMITTED
    assert application.budget_lines.count() == 2
    assert AuditEvent.objects.filter(action="grants.application_submitted").exists()
    assert "hydro@test.invalid" in [m.to[0] for m in mail.outbox]


def test_someone_outside_the_group_cannot_apply_for_it(grant_round, group, make_user, draft_fields):
    with pytest.raises(NotAllowed):
        services.application_draft_create(
            actor=make_user(), round_=grant_round, organisation=group, draft=draft_fields()
        )


def test_budget_lines_must_add_up_to_the_amount(make_application, member):
    draft = make_application("draft", budget_lines=[("Turbine", 1_000_000)])
    with pytest.raises(DomainError) as refused:
        services.application_submit(actor=member, application=draft)
    assert "budget_lines" in refused.value.errors


def test_more_than_the_largest_award_is_refused(make_application, member):
    draft = make_application("draft", amount_pence=3_000_000, budget_lines=[("Turbine", 3_000_000)])
    with pytest.raises(DomainError) as refused:
        services.application_submit(actor=member, application=draft)
    assert "£25,000.00" in refused.value.errors["amount_pence"][0]


def test_every_missing_field_is_named_at_once(make_application, member):
    draft = make_application("draft", project="", outcomes="", ward=None, budget_lines=[])
    with pytest.raises(DomainError) as refused:
        services.application_submit(actor=member, application=draft)
    assert {"project", "outcomes", "ward", "budget_lines"} <= set(refused.value.errors)


def test_an_organisation_of_a_kind_the_round_excludes_is_refused(
    make_round, make_application, member, group
):
    business_only = make_round("Business round", eligible_kinds=["business"])
    draft = make_application("draft", round_=business_only)
    with pytest.raises(DomainError) as refused:
        services.application_submit(actor=member, application=draft)
    assert "organisation" in refused.value.errors


def test_match_funding_the_round_requires_is_checked(make_round, make_application, member):
    matched = make_round("Matched round", match_funding_percent=25)
    draft = make_application("draft", round_=matched, match_funding_pence=100)
    with pytest.raises(DomainError) as refused:
        services.application_submit(actor=member, application=draft)
    assert "£5,000.00" in refused.value.errors["match_funding_pence"][0]


def test_a_late_submission_is_refused_naming_the_closing_time(make_application, member):
    draft = make_application("draft")
    late = draft.round.closes_at + timedelta(minutes=1)
    with pytest.raises(Conflict) as refused:
        services.application_submit(actor=member, application=draft, now=late)
    closes = timezone.localtime(draft.round.closes_at)
    assert refused.value.code == "round_closed"
    assert f"{closes:%H:%M on %d %B %Y}" in refused.value.message


def test_a_submitted_application_cannot_be_edited(make_application, member, draft_fields):
    submitted = make_application("submitted")
    with pytest.raises(Conflict):
        services.application_draft_update(
            actor=member, application=submitted, draft=draft_fields(title="Changed")
        )


def test_an_attachment_must_be_a_real_pdf_or_office_file(make_application, member):
    draft = make_application("draft")
    fake = SimpleUploadedFile("plan.pdf", b"MZ not a pdf at all")
    with pytest.raises(DomainError) as refused:
        services.attachment_add(actor=member, application=draft, upload=fake)
    assert refused.value.code == "file_type_refused"
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    attachment = services.attachment_add(actor=member, application=draft, upload=pdf)
    assert attachment.extension == "pdf"


def test_an_ineligible_application_is_told_why(
    make_application, district_officer, django_capture_on_commit_callbacks
):
    submitted = make_application("submitted")
    with django_capture_on_commit_callbacks(execute=True):
        checked = services.application_eligibility_record(
            actor=district_officer,
            application=submitted,
            is_eligible=False,
            note="Outside the area",
        )
    assert checked.status == Application.Status.INELIGIBLE
    assert "Outside the area" in mail.outbox[0].body


def test_an_assessor_scores_every_criterion(make_application, assessors):
    application = make_application()
    criteria = list(application.round.criteria.all())
    services.score_record(
        actor=assessors[0], application=application, marks={c.pk: 8 for c in criteria}
    )
    assert Score.objects.filter(application=application, assessor=assessors[0]).count() == 2


def test_a_mark_above_the_scale_is_refused(make_application, assessors):
    application = make_application()
    criterion = application.round.criteria.first()
    with pytest.raises(DomainError):
        services.score_record(actor=assessors[0], application=application, marks={criterion.pk: 11})


def test_someone_not_on_the_panel_cannot_score(make_application, make_role):
    application = make_application()
    outsider = make_role("officer", team="district_team")
    with pytest.raises(NotAllowed):
        services.score_record(actor=outsider, application=application, marks={})


def test_an_assessor_who_declares_an_interest_can_neither_score_nor_see_scores(
    make_application, assessors, score_all, make_role, grant_round, district_officer
):
    from coopcouncil.core.permissions import check
    from coopcouncil.grants.services import round_assessor_add

    application = score_all(make_application())
    fourth = make_role("officer", "Fourth Assessor", team="district_team")
    round_assessor_add(actor=district_officer, round_=grant_round, assessor=fourth)
    assert check(fourth, "grants.see_scores", application)
    interest_declare(
        actor=fourth, organisation=application.organisation, reason="My sister runs it"
    )
    assert not check(fourth, "grants.see_scores", application)
    assert application not in selectors.applications_to_assess(fourth)
    with pytest.raises(NotAllowed) as refused:
        services.score_record(actor=fourth, application=application, marks={})
    assert "My sister runs it" in refused.value.message


def test_a_member_of_the_applying_group_has_an_interest_without_declaring_one(
    make_application, assessors, district_officer, make_role, group
):
    from coopcouncil.people.models import RoleAssignment

    application = make_application()
    RoleAssignment.objects.create(user=assessors[0], role="group_member", organisation=group)
    with pytest.raises(NotAllowed):
        services.score_record(actor=assessors[0], application=application, marks={})


def test_the_group_sees_its_scores_only_once_decided(make_application, member, score_all):
    from coopcouncil.core.permissions import check

    application = score_all(make_application())
    assert not check(member, "grants.see_scores", application)


def test_moderation_flags_an_assessor_far_from_the_median(make_application, score_all):
    application = score_all(make_application(), 7, 7, 1)
    moderation = selectors.application_moderation(application)
    assert moderation.is_complete
    assert [a.is_flagged for a in moderation.assessors] == [False, False, True]
    assert {row.spread for row in moderation.criteria} == {6}


def test_scores_import_writes_every_row_or_none(make_application, assessors):
    application = make_application()
    good = services.ScoreRow(str(application.pk), assessors[0].email, "Co-operative values", "6")
    bad = services.ScoreRow(str(application.pk), "nobody@test.invalid", "Co-operative values", "6")
    with pytest.raises(RowErrors) as refused:
        services.scores_import(actor=None, rows=[good, bad], check_permission=False)
    assert refused.value.rows[0][0] == 3
    assert not Score.objects.exists()
    assert services.scores_import(actor=None, rows=[good], check_permission=False) == 1
