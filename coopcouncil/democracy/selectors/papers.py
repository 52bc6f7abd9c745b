"""A meeting's papers and whether each came out in time for the meeting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy import policy
from coopcouncil.democracy.logic.deadlines import clear_working_days_before, is_paper_late
from coopcouncil.democracy.models import Meeting, MeetingPaper

# The access-to-information rule covers what the meeting will consider; minutes follow it.
RULED_KINDS = (MeetingPaper.Kind.AGENDA_PACK, MeetingPaper.Kind.REPORT)


@dataclass(frozen=True)
class MeetingPaperRow:
    """A paper as the meeting page lists it.

    ``clear_days`` is the clear working days between its publication and the meeting, and
    ``is_late`` whether that is fewer than the rule's; both None for drafts and minutes.
    """

    paper: MeetingPaper
    clear_days: int | None
    is_late: bool | None
    rule_days: int


def _row(paper: MeetingPaper, meeting: Meeting, rule_days: int) -> MeetingPaperRow:
    if paper.published_at is None or paper.kind not in RULED_KINDS:
        return MeetingPaperRow(paper, None, None, rule_days)
    zone = timezone.get_default_timezone()
    return MeetingPaperRow(
        paper,
        clear_working_days_before(paper.published_at, meeting.starts_at, zone=zone),
        is_paper_late(paper.published_at, meeting.starts_at, clear_days=rule_days, zone=zone),
        rule_days,
    )


def meeting_papers(meeting: Meeting, *, include_drafts: bool) -> list[MeetingPaperRow]:
    """The meeting's papers, published first in order of publication, then drafts.

    Only the newest minutes document is listed: republished minutes replace the earlier.
    """
    papers = meeting.papers.select_related("uploaded_by").order_by("published_at", "id")
    if not include_drafts:
        papers = papers.filter(published_at__isnull=False)
    found = list(papers)
    minutes = [p for p in found if p.kind == MeetingPaper.Kind.MINUTES and p.published_at]
    superseded = {p.pk for p in minutes[:-1]}
    rule_days = policy.papers_days_before()
    published = [
        _row(p, meeting, rule_days) for p in found if p.published_at and p.pk not in superseded
    ]
    drafts = [_row(p, meeting, rule_days) for p in found if p.published_at is None]
    return published + drafts


def paper_get(meeting: Meeting, pk: int, *, include_drafts: bool) -> MeetingPaper:
    """One paper of ``meeting``; a draft is NotFound unless ``include_drafts``."""
    papers = meeting.papers.all()
    if not include_drafts:
        papers = papers.filter(published_at__isnull=False)
    paper = papers.filter(pk=pk).first()
    if paper is None:
        raise NotFound(
            "paper_not_found",
            gettext("Meeting %(meeting)s has no paper %(pk)s.") % {"meeting": meeting.pk, "pk": pk},
        )
    return paper


def minutes_document_get(meeting: Meeting) -> MeetingPaper:
    """The newest published minutes document of ``meeting``."""
    paper = (
        meeting.papers.filter(kind=MeetingPaper.Kind.MINUTES, published_at__isnull=False)
        .order_by("-published_at", "-id")
        .first()
    )
    if paper is None:
        raise NotFound(
            "minutes_not_published",
            gettext("The minutes of meeting %(pk)s are not out.") % {"pk": meeting.pk},
        )
    return paper


def papers_on_time(meeting: Meeting, papers: Iterable[MeetingPaper]) -> bool:
    """Whether a held meeting's papers were all out in time under the clear-days rule.

    ``papers`` are the meeting's published papers. A meeting whose agenda pack and reports
    were never published was not on time; one late report makes the meeting late.
    """
    zone = timezone.get_default_timezone()
    rule_days = policy.papers_days_before()
    times = [p.published_at for p in papers if p.kind in RULED_KINDS and p.published_at]
    return bool(times) and not any(
        is_paper_late(published_at, meeting.starts_at, clear_days=rule_days, zone=zone)
        for published_at in times
    )
