"""Meeting papers as files: published ones for everyone, drafts for the clerk and district team."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from coopcouncil.core.permissions import check
from coopcouncil.core.web import found, stored_file_open
from coopcouncil.democracy import selectors
from coopcouncil.democracy.logic.papers import BY_EXTENSION, download_name
from coopcouncil.democracy.models import MeetingPaper


def _paper_response(paper: MeetingPaper) -> FileResponse:
    """The stored file, sent so that no browser treats it as part of the site.

    Always a download (``attachment``): a browser's own PDF viewer does not run inside the
    ``sandbox`` below, and the sandbox matters more. The type is the one read from the
    file's bytes at upload; ``nosniff`` stops a browser from guessing another, and the
    content security policy forbids the file any script, style, frame or request.
    """
    response = FileResponse(
        stored_file_open(paper.file, gettext("The paper's file is missing.")),
        content_type=paper.content_type,
        as_attachment=True,
        filename=download_name(paper.original_name, BY_EXTENSION[paper.extension]),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "public, max-age=300" if paper.is_published else "private, no-store"
    return response


@require_safe
def paper(request: HttpRequest, pk: int, paper_id: int) -> FileResponse:
    """One paper; a draft is a 404 to all but those who may manage the meeting."""
    meeting = found(selectors.meeting_get, pk)
    may_see_drafts = check(request.user, "democracy.manage_meetings", meeting).allowed
    return _paper_response(
        found(selectors.paper_get, meeting, paper_id, include_drafts=may_see_drafts)
    )


@require_safe
def minutes_document(request: HttpRequest, pk: int) -> FileResponse:
    """The meeting's minutes as a PDF, at a URL that stays the same when they are revised."""
    meeting = found(selectors.meeting_get, pk)
    return _paper_response(found(selectors.minutes_document_get, meeting))
