"""The minutes of a meeting as a PDF, built from what the clerk recorded.

Attendance, declarations of interest, public questions with their answers and each
decision with its named vote are written out from the records themselves, so the
published document cannot say something the minutes do not.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from fpdf import FPDF

from coopcouncil.core.money import format_pence
from coopcouncil.democracy.models import Meeting

WIDTH = 170  # A4 less 20 mm margins


def _latin1(text: str) -> str:
    # The core PDF fonts are Latin-1; replace anything else rather than refuse the minutes.
    return text.encode("latin-1", "replace").decode("latin-1")


class _Document:
    def __init__(self) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_margins(20, 20, 20)
        self.pdf.add_page()

    def heading(self, text: str, size: int = 13) -> None:
        self.pdf.set_font("Helvetica", "B", size)
        self.pdf.ln(3)
        self.pdf.multi_cell(WIDTH, 7, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    def line(self, text: str, style: str = "") -> None:
        self.pdf.set_font("Helvetica", style, 10)
        self.pdf.multi_cell(WIDTH, 5, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    def lines(self, texts: list[str], empty: str) -> None:
        for text in texts or [empty]:
            self.line(text)


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M}"


def _attendance(minutes: Mapping[str, Any]) -> list[str]:
    return [
        f"{row.user.full_name} ({row.capacity})"
        + ("" if row.is_present else " - " + gettext("apologies"))
        for row in minutes["attendance"]
    ]


def _decision(document: _Document, decision) -> None:
    document.heading(decision.title, size=11)
    facts = [decision.get_kind_display()]
    if decision.budget_pence:
        facts.append(gettext("budget %(amount)s") % {"amount": format_pence(decision.budget_pence)})
    document.line(" · ".join(facts))
    if decision.summary:
        document.line(decision.summary)
    votes = [
        f"{vote.councillor.full_name}: {vote.get_choice_display()}" for vote in decision.votes.all()
    ]
    document.line(gettext("Named vote"), "B")
    document.lines(votes, gettext("No votes recorded."))


def minutes_pdf(meeting: Meeting, minutes: Mapping[str, Any], *, published_at: datetime) -> bytes:
    """The minutes of ``meeting`` as an A4 PDF, dated ``published_at`` (local time).

    ``minutes`` is what ``selectors.meeting_minutes`` loads: attendance, declarations,
    answered questions and decisions with their votes.
    """
    document = _Document()
    starts = timezone.localtime(meeting.starts_at)
    document.heading(gettext("Minutes: %(title)s") % {"title": meeting.title}, size=16)
    document.line(f"{meeting.partnership.name}. {_when(starts)}, {meeting.venue}.")
    document.line(gettext("Published %(when)s.") % {"when": _when(published_at)})
    document.heading(gettext("Attendance"))
    document.lines(_attendance(minutes), gettext("Not recorded."))
    document.line(
        gettext("Members of the public present: %(count)s.") % {"count": meeting.public_attendees}
    )
    document.heading(gettext("Declarations of interest"))
    document.lines(
        [f"{row.user.full_name}: {row.interest}" for row in minutes["declarations"]],
        gettext("None."),
    )
    document.heading(gettext("Public questions and answers"))
    for question in minutes["answered"]:
        document.line(gettext("Q: %(text)s") % {"text": question.text})
        document.line(gettext("A: %(text)s") % {"text": question.answer})
    if not minutes["answered"]:
        document.line(gettext("None."))
    if meeting.minutes_notes:
        document.heading(gettext("Notes"))
        document.line(meeting.minutes_notes)
    document.heading(gettext("Decisions"))
    for decision in minutes["decisions"]:
        _decision(document, decision)
    if not minutes["decisions"]:
        document.line(gettext("None."))
    return bytes(document.pdf.output())
