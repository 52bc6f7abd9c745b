"""A meeting's papers: uploading checked files, publishing them, storing the minutes document."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.democracy import policy
from coopcouncil.democracy.logic.papers import PDF, PaperRefused, PaperType, paper_check
from coopcouncil.democracy.minutes_document import minutes_pdf
from coopcouncil.democracy.models import Meeting, MeetingPaper
from coopcouncil.democracy.selectors import meeting_minutes
from coopcouncil.people.selectors import Actor

MEGABYTE = 1024 * 1024


def _refusal(reason: str, size: int, limit: int) -> DomainError:
    if reason == "size":
        return DomainError(
            "paper_too_large",
            gettext("The file is %(size).1f MB; a paper may be at most %(limit)d MB.")
            % {"size": size / MEGABYTE, "limit": limit // MEGABYTE},
            "file",
        )
    if reason == "empty":
        return DomainError("paper_empty", gettext("The file is empty."), "file")
    return DomainError(
        "paper_type_refused",
        gettext(
            "This file is not a PDF or an office document (docx, xlsx, pptx, odt, ods, odp)."
            " Save it in one of those formats and upload it again."
        ),
        "file",
    )


def _checked_content(upload: Any) -> tuple[bytes, PaperType]:
    """The upload's bytes and real type; reads at most one byte past the limit."""
    limit = policy.paper_max_bytes()
    if upload is None:
        raise DomainError("file_required", gettext("Choose the file to upload."), "file")
    if upload.size is not None and upload.size > limit:
        raise _refusal("size", upload.size, limit)
    content = upload.read(limit + 1)
    try:
        return content, paper_check(content, max_bytes=limit)
    except PaperRefused as refused:
        raise _refusal(refused.reason, len(content), limit) from None


def _paper_store(
    *,
    meeting: Meeting,
    kind: str,
    title: str,
    content: bytes,
    paper_type: PaperType,
    original_name: str,
    uploaded_by: Any,
    published_at: datetime | None,
) -> MeetingPaper:
    paper = MeetingPaper(
        meeting=meeting,
        kind=kind,
        title=title,
        original_name=original_name[:255],
        content_type=paper_type.content_type,
        extension=paper_type.extension,
        size_bytes=len(content),
        uploaded_by=uploaded_by,
        published_at=published_at,
    )
    # The file is written before the row: should the transaction roll back, what is left is
    # a file under a random name that nothing links to or serves.
    paper.file.save(original_name, ContentFile(content), save=False)
    paper.save()
    return paper


@transaction.atomic
def paper_upload(
    *,
    actor: Actor,
    meeting: Meeting,
    kind: str,
    title: str,
    upload: Any,
    publish: bool = False,
    now: datetime | None = None,
) -> MeetingPaper:
    """Add a paper to a meeting: a draft, or published at once with ``publish``.

    The file's own bytes decide whether it is a PDF or an office document; anything else,
    or anything over ``policy.paper_max_bytes()``, is refused on the field ``file``.
    """
    require(actor, "democracy.manage_meetings", meeting)
    if kind not in MeetingPaper.Kind.values:
        raise DomainError(
            "paper_kind_invalid",
            gettext("Choose agenda pack, report or minutes."),
            "kind",
        )
    content, paper_type = _checked_content(upload)
    original_name = upload.name or f"paper.{paper_type.extension}"
    title = title.strip() or original_name.rsplit(".", 1)[0]
    published_at = (now or timezone.now()) if publish else None
    paper = _paper_store(
        meeting=meeting,
        kind=kind,
        title=title,
        content=content,
        paper_type=paper_type,
        original_name=original_name,
        uploaded_by=actor,
        published_at=published_at,
    )
    if published_at is not None and kind != MeetingPaper.Kind.MINUTES:
        _mark_papers_published(meeting, published_at)
    audit_record(
        actor=actor,
        action="democracy.paper_uploaded",
        target=paper,
        summary=f"{paper} for {meeting}: {paper_type.label}, {len(content)} bytes"
        + (", published" if published_at else ", draft"),
    )
    return paper


def _mark_papers_published(meeting: Meeting, published_at: datetime) -> None:
    # The meeting keeps when its agenda first went public; each paper keeps its own time.
    if meeting.papers_published_at is None:
        meeting.papers_published_at = published_at
        meeting.save(update_fields=["papers_published_at"])


@transaction.atomic
def meeting_publish_papers(
    *, actor: Actor, meeting: Meeting, now: datetime | None = None
) -> Meeting:
    """Publish the agenda and every draft agenda pack and report, at ``now``.

    Papers already published keep their time: it is the one the access-to-information
    rule judges.
    """
    require(actor, "democracy.manage_meetings", meeting.partnership)
    now = now or timezone.now()
    drafts = meeting.papers.filter(published_at__isnull=True).exclude(
        kind=MeetingPaper.Kind.MINUTES
    )
    published = drafts.update(published_at=now)
    _mark_papers_published(meeting, now)
    audit_record(
        actor=actor,
        action="democracy.papers_published",
        target=meeting,
        summary=f"{meeting}: {published} paper(s) published",
    )
    return meeting


def minutes_document_store(*, actor: Actor, meeting: Meeting, published_at: datetime) -> None:
    """Write the minutes as a PDF from the records and keep it as a published paper.

    Called by ``meeting_publish_minutes`` inside its transaction (and under its audit
    event). Each publication adds a document; the newest is the meeting's minutes.
    """
    content = minutes_pdf(meeting, meeting_minutes(meeting), published_at=published_at)
    _paper_store(
        meeting=meeting,
        kind=MeetingPaper.Kind.MINUTES,
        title=gettext("Minutes of %(title)s") % {"title": meeting.title},
        content=content,
        paper_type=PDF,
        original_name=f"minutes-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.pdf",
        uploaded_by=actor,
        published_at=published_at,
    )
