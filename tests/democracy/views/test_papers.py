"""Papers on the meeting pages: uploading on the clerk's page, the public list, downloads."""

from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coopcouncil.democracy.models import MeetingPaper
from coopcouncil.democracy.services.meetings import attendance_record, meeting_publish_minutes
from tests.democracy.papers import PDF_BYTES, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(make_meeting):
    """Thursday 24 April 2025, after Easter."""
    found = make_meeting(title="After Easter")
    found.starts_at = timezone.make_aware(datetime(2025, 4, 24, 18, 30))
    found.save()
    return found


def _upload(client, meeting, content: bytes, name: str = "agenda.pdf", **fields):
    data = {"kind": "agenda_pack", "title": "Agenda pack", **fields}
    data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(f"/democracy/meetings/{meeting.pk}/manage/paper/", data)


def test_the_clerk_uploads_a_paper_on_the_manage_page_as_a_draft(client, clerk, meeting):
    client.force_login(clerk)
    page = client.get(f"/democracy/meetings/{meeting.pk}/manage/").content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="file"' in page
    response = _upload(client, meeting, PDF_BYTES)
    assert response.status_code == 302
    paper = MeetingPaper.objects.get()
    assert (paper.title, paper.published_at) == ("Agenda pack", None)
    page = client.get(f"/democracy/meetings/{meeting.pk}/manage/").content.decode()
    assert "Agenda pack" in page and "Draft: not public" in page


def test_a_web_page_renamed_pdf_is_refused_on_the_form(client, clerk, meeting):
    client.force_login(clerk)
    response = _upload(client, meeting, b"<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "This file is not a PDF or an office document" in response.content.decode()
    assert not MeetingPaper.objects.exists()


def test_the_meeting_page_shows_papers_with_their_time_and_flags_a_late_one(
    client, meeting, make_paper
):
    make_paper(meeting, published_at=timezone.make_aware(datetime(2025, 4, 16, 10, 15)))
    make_paper(meeting, published_at=None, title="Secret draft", kind="report")
    page = client.get(f"/democracy/meetings/{meeting.pk}/").content.decode()
    assert "Agenda pack" in page and "published 16 April 2025, 10:15" in page
    assert "Published late: 3 clear working days before the meeting; the rule is 5" in page
    assert "Secret draft" not in page


def test_a_paper_on_time_is_not_flagged(client, meeting, make_paper):
    make_paper(meeting, published_at=timezone.make_aware(datetime(2025, 4, 14, 9, 0)))
    page = client.get(f"/democracy/meetings/{meeting.pk}/").content.decode()
    assert "published 14 April 2025, 09:00" in page and "Published late" not in page


def test_a_paper_is_downloaded_with_headers_that_keep_it_out_of_the_site(
    client, meeting, make_paper
):
    paper = make_paper(meeting, published_at=timezone.now() - timedelta(days=30))
    response = client.get(f"/democracy/meetings/{meeting.pk}/papers/{paper.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="agenda.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"


def test_a_draft_is_hidden_from_the_public_and_shown_to_the_clerk(
    client, clerk, make_resident, ward, meeting, make_paper
):
    draft = make_paper(meeting, published_at=None)
    url = f"/democracy/meetings/{meeting.pk}/papers/{draft.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(make_resident(ward))
    assert client.get(url).status_code == 404
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_the_minutes_pdf_has_a_stable_address_linked_from_the_meeting_page(
    client, clerk, councillor, meeting
):
    attendance_record(actor=clerk, meeting=meeting, present=[councillor])
    meeting_publish_minutes(actor=clerk, meeting=meeting)
    url = f"/democracy/meetings/{meeting.pk}/minutes.pdf"
    assert f'href="{url}"' in client.get(f"/democracy/meetings/{meeting.pk}/").content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert "Cllr Ann Ward (Councillor)" in pdf_text(b"".join(response.streaming_content))


def test_minutes_not_yet_published_are_a_404(client, meeting):
    assert client.get(f"/democracy/meetings/{meeting.pk}/minutes.pdf").status_code == 404


def test_a_paper_whose_file_is_missing_is_the_404_page_not_a_server_error(
    client, meeting, make_paper
):
    """A record can outlive its file (a restore without the files): the reader gets a 404."""
    paper = make_paper(meeting, published_at=timezone.now() - timedelta(days=30))
    paper.file.storage.delete(paper.file.name)
    response = client.get(f"/democracy/meetings/{meeting.pk}/papers/{paper.pk}/")
    assert response.status_code == 404
    assert "file is missing" in response.content.decode()


def test_the_demo_boroughs_published_papers_download(client, db, demo_borough):
    """The demo's papers are stored where the tests read papers, so each one downloads."""
    from coopcouncil.democracy.models import MeetingPaper

    paper = MeetingPaper.objects.filter(published_at__isnull=False).first()
    assert paper is not None
    response = client.get(f"/democracy/meetings/{paper.meeting_id}/papers/{paper.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
