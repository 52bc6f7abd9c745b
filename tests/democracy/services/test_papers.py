from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy import selectors
from coopcouncil.democracy.models import MeetingPaper
from coopcouncil.democracy.services.decisions import decision_create, decision_vote_record
from coopcouncil.democracy.services.meetings import attendance_record, meeting_publish_minutes
from coopcouncil.democracy.services.papers import meeting_publish_papers, paper_upload
from tests.democracy.papers import PDF_BYTES, pdf_text, word_document

pytestmark = pytest.mark.django_db


def _upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_an_uploaded_paper_is_stored_outside_the_static_root_under_a_random_name(
    clerk, make_meeting
):
    meeting = make_meeting(starts_in=timedelta(days=20))
    paper = paper_upload(
        actor=clerk,
        meeting=meeting,
        kind="agenda_pack",
        title="",
        upload=_upload("Agenda pack March.pdf", PDF_BYTES),
    )
    stored = Path(paper.file.path)
    assert stored.is_relative_to(Path(settings.PAPERS_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert "Agenda" not in stored.name and stored.suffix == ".pdf"
    assert stored.read_bytes() == PDF_BYTES
    assert (paper.title, paper.original_name, paper.content_type) == (
        "Agenda pack March",
        "Agenda pack March.pdf",
        "application/pdf",
    )
    assert paper.published_at is None
    event = AuditEvent.objects.get(action="democracy.paper_uploaded")
    assert event.actor == clerk and "draft" in event.summary


def test_an_office_document_takes_its_type_from_its_bytes_not_the_browser(clerk, make_meeting):
    paper = paper_upload(
        actor=clerk,
        meeting=make_meeting(),
        kind="report",
        title="Youth report",
        upload=_upload("youth.docx", word_document(), "application/octet-stream"),
    )
    assert paper.extension == "docx"
    assert paper.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script></html>", b"MZ\x90\x00 a Windows program"],
    ids=["a web page", "a program"],
)
def test_a_file_renamed_pdf_that_is_not_a_pdf_is_refused_and_nothing_is_kept(
    clerk, make_meeting, content
):
    with pytest.raises(DomainError) as refused:
        paper_upload(
            actor=clerk,
            meeting=make_meeting(),
            kind="report",
            title="Report",
            upload=_upload("report.pdf", content),
        )
    assert (refused.value.code, refused.value.field) == ("paper_type_refused", "file")
    assert not MeetingPaper.objects.exists()
    assert not AuditEvent.objects.filter(action="democracy.paper_uploaded").exists()


def test_a_paper_over_the_size_limit_is_refused(clerk, make_meeting, settings):
    settings.COOPCOUNCIL_PAPER_MAX_BYTES = 100
    with pytest.raises(DomainError) as refused:
        paper_upload(
            actor=clerk,
            meeting=make_meeting(),
            kind="report",
            title="Report",
            upload=_upload("big.pdf", PDF_BYTES + bytes(100)),
        )
    assert (refused.value.code, refused.value.field) == ("paper_too_large", "file")


def test_a_missing_file_or_unknown_kind_is_a_field_error(clerk, make_meeting):
    meeting = make_meeting()
    with pytest.raises(DomainError) as missing:
        paper_upload(actor=clerk, meeting=meeting, kind="report", title="", upload=None)
    assert (missing.value.code, missing.value.field) == ("file_required", "file")
    with pytest.raises(DomainError) as kind:
        paper_upload(
            actor=clerk,
            meeting=meeting,
            kind="poster",
            title="",
            upload=_upload("a.pdf", PDF_BYTES),
        )
    assert kind.value.field == "kind"


def test_only_the_clerk_and_district_team_may_upload_papers(make_resident, ward, make_meeting):
    with pytest.raises(NotAllowed):
        paper_upload(
            actor=make_resident(ward),
            meeting=make_meeting(),
            kind="report",
            title="Mine",
            upload=_upload("a.pdf", PDF_BYTES),
        )
    assert not MeetingPaper.objects.exists()


def test_publishing_the_papers_publishes_drafts_and_keeps_earlier_publication_times(
    clerk, make_meeting
):
    meeting = make_meeting(starts_in=timedelta(days=30))
    first = timezone.now() - timedelta(days=2)
    early = paper_upload(
        actor=clerk,
        meeting=meeting,
        kind="agenda_pack",
        title="Agenda pack",
        upload=_upload("a.pdf", PDF_BYTES),
        publish=True,
        now=first,
    )
    draft = paper_upload(
        actor=clerk,
        meeting=meeting,
        kind="report",
        title="Late report",
        upload=_upload("b.pdf", PDF_BYTES),
    )
    now = timezone.now()
    meeting_publish_papers(actor=clerk, meeting=meeting, now=now)
    early.refresh_from_db()
    draft.refresh_from_db()
    meeting.refresh_from_db()
    assert (early.published_at, draft.published_at) == (first, now)
    assert meeting.papers_published_at == first
    event = AuditEvent.objects.get(action="democracy.papers_published")
    assert "1 paper(s)" in event.summary


def test_publishing_the_minutes_stores_a_pdf_of_attendance_interests_answers_and_votes(
    partnership, clerk, councillor, make_meeting, make_user
):
    meeting = make_meeting(starts_in=-timedelta(hours=3), title="Spring partnership")
    meeting.starts_at = timezone.make_aware(datetime(2026, 3, 2, 18, 30))
    meeting.save()
    absent = make_user("Bea Absent")
    attendance_record(
        actor=clerk, meeting=meeting, present=[councillor], apologies=[absent], public_attendees=7
    )
    decision = decision_create(
        actor=clerk,
        partnership=partnership,
        meeting=meeting,
        title="Benches for the park",
        summary="",
        kind="general",
        budget_pence=0,
        wards=[],
    )
    decision_vote_record(actor=clerk, decision=decision, councillor=councillor, choice="for")
    published = timezone.make_aware(datetime(2026, 3, 3, 10, 15))
    meeting_publish_minutes(actor=clerk, meeting=meeting, notes="Quorate.", now=published)

    paper = selectors.minutes_document_get(meeting)
    assert (paper.kind, paper.content_type, paper.published_at) == (
        "minutes",
        "application/pdf",
        published,
    )
    text = pdf_text(paper.file.read())
    assert "Minutes: Spring partnership" in text
    assert "Cllr Ann Ward (Councillor)" in text
    assert "Bea Absent (In attendance) - apologies" in text
    assert "Members of the public present: 7." in text
    assert "Benches for the park" in text and "Cllr Ann Ward: For" in text
    assert "Published Tuesday 3 March 2026, 10:15." in text
