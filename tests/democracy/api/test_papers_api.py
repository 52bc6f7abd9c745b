"""The papers endpoints: the list, and uploading a file (multipart)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coopcouncil.democracy.models import MeetingPaper
from tests.democracy.papers import PDF_BYTES, word_document

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"


def _post(client, meeting, content: bytes, name: str = "pack.pdf", **fields):
    data = {"kind": "agenda_pack", "title": "Agenda pack", **fields}
    data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(f"{API}/meetings/{meeting.pk}/papers", data)


def test_the_clerk_uploads_and_publishes_a_paper(client, clerk, make_meeting):
    meeting = make_meeting(starts_in=timedelta(days=30))
    client.force_login(clerk)
    response = _post(client, meeting, word_document(), "report.docx", kind="report", publish="true")
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["extension"], body["is_late"]) == ("report", "docx", False)
    assert body["url"] == f"/democracy/meetings/{meeting.pk}/papers/{body['id']}/"
    assert body["published_at"] is not None and body["clear_working_days"] >= 5


def test_a_renamed_file_is_refused_with_the_shared_error_shape(client, clerk, make_meeting):
    client.force_login(clerk)
    response = _post(client, make_meeting(), b"MZ\x90\x00 a program")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "paper_type_refused" and list(body["errors"]) == ["file"]
    assert not MeetingPaper.objects.exists()


def test_a_file_over_the_limit_is_refused(client, clerk, make_meeting, settings):
    settings.COOPCOUNCIL_PAPER_MAX_BYTES = 100
    client.force_login(clerk)
    response = _post(client, make_meeting(), PDF_BYTES + bytes(200))
    assert response.status_code == 400
    assert response.json()["code"] == "paper_too_large"
    assert "file" in response.json()["errors"]


def test_a_missing_file_is_a_field_error(client, clerk, make_meeting):
    client.force_login(clerk)
    response = client.post(f"{API}/meetings/{make_meeting().pk}/papers", {"kind": "report"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"file": ["Choose the file to upload."]}


def test_residents_and_visitors_may_not_upload(client, make_resident, ward, make_meeting):
    meeting = make_meeting()
    assert _post(client, meeting, PDF_BYTES).status_code == 401
    client.force_login(make_resident(ward))
    response = _post(client, meeting, PDF_BYTES)
    assert response.status_code == 403 and not MeetingPaper.objects.exists()


def test_the_list_shows_published_papers_to_all_and_drafts_to_the_clerk(
    client, clerk, make_meeting, make_paper
):
    meeting = make_meeting(starts_in=timedelta(days=30))
    make_paper(meeting, published_at=timezone.now())
    make_paper(meeting, published_at=None, title="Draft")
    url = f"{API}/meetings/{meeting.pk}/papers"
    assert [p["title"] for p in client.get(url).json()] == ["Agenda pack"]
    client.force_login(clerk)
    assert [p["title"] for p in client.get(url).json()] == ["Agenda pack", "Draft"]
    assert client.get(f"{API}/meetings/999999/papers").status_code == 404
