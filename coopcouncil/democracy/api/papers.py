"""A meeting's papers: the list with publication times, and uploading one (multipart)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Router
from ninja.files import UploadedFile
from ninja.security import django_auth

from coopcouncil.core.api import Problem
from coopcouncil.core.permissions import check
from coopcouncil.democracy import selectors
from coopcouncil.democracy.api.schemas import PaperOut
from coopcouncil.democracy.selectors import MeetingPaperRow
from coopcouncil.democracy.services import papers as paper_services

router = Router()
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem}


def _paper_out(row: MeetingPaperRow) -> dict:
    paper = row.paper
    return {
        "id": paper.pk,
        "meeting_id": paper.meeting_id,
        "kind": paper.kind,
        "title": paper.title,
        "content_type": paper.content_type,
        "extension": paper.extension,
        "size_bytes": paper.size_bytes,
        "published_at": paper.published_at,
        "url": reverse("democracy:paper", args=[paper.meeting_id, paper.pk]),
        "clear_working_days": row.clear_days,
        "is_late": row.is_late,
    }


@router.get(
    "/meetings/{meeting_id}/papers",
    response={200: list[PaperOut], 404: Problem},
    summary="A meeting's papers with their publication times and lateness",
    description="Published papers for everyone; the clerk and district team also see drafts. "
    "`is_late`: published fewer than the rule's clear working days before the meeting.",
)
def papers(request: HttpRequest, meeting_id: int):
    meeting = selectors.meeting_get(meeting_id)
    may_see_drafts = check(request.user, "democracy.manage_meetings", meeting).allowed
    return [
        _paper_out(row) for row in selectors.meeting_papers(meeting, include_drafts=may_see_drafts)
    ]


@router.post(
    "/meetings/{meeting_id}/papers",
    response={201: PaperOut, **ERRORS},
    auth=django_auth,
    summary="Upload a paper (multipart: kind, title, publish, file); clerk or district team",
    description="`kind` is agenda_pack, report or minutes. The file must be a PDF or an office "
    "document (docx, xlsx, pptx, odt, ods, odp), judged by its bytes: otherwise 400 "
    "`paper_type_refused`; over the size limit, 400 `paper_too_large`; both on the field `file`.",
)
def paper_upload(
    request: HttpRequest,
    meeting_id: int,
    kind: Form[str],
    title: Form[str] = "",
    publish: Form[bool] = False,
    # Optional here so a missing file is the service's field error on `file`, like the form.
    file: UploadedFile | None = File(None),
):
    meeting = selectors.meeting_get(meeting_id)
    paper = paper_services.paper_upload(
        actor=request.user, meeting=meeting, kind=kind, title=title, upload=file, publish=publish
    )
    rows = selectors.meeting_papers(meeting, include_drafts=True)
    return 201, _paper_out(next(row for row in rows if row.paper.pk == paper.pk))
