"""Writes for two-tier governance: constituencies, board seats and meeting papers."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.democracy.logic.papers import PaperRefused, paper_check
from coopcouncil.mutuals.models import (
    BoardSeat,
    Constituency,
    GovernancePaper,
    MembershipClass,
    Mutual,
)
from coopcouncil.people.selectors import Actor

PAPER_MAX_BYTES = 20_000_000


def constituency_add(
    *,
    actor: Actor,
    mutual: Mutual,
    name: str,
    membership_class: MembershipClass,
    seats: int,
    term_months: int = 36,
) -> Constituency:
    """A constituency of the representative body: one class's members electing ``seats`` seats."""
    require(actor, "mutuals.manage_governance", mutual)
    if membership_class.mutual_id != mutual.pk:
        raise DomainError(
            "class_not_found",
            gettext("Choose this co-operative's own classes."),
            "membership_class",
        )
    if seats < 1 or term_months < 1:
        raise DomainError(
            "seats_invalid", gettext("A constituency has at least one seat and a term."), "seats"
        )
    with transaction.atomic():
        constituency = Constituency.objects.create(
            mutual=mutual,
            name=name.strip(),
            membership_class=membership_class,
            seats=seats,
            term_months=term_months,
        )
        audit_record(
            actor=actor,
            action="mutuals.constituency_added",
            target=constituency,
            summary=f"{mutual}: {name}",
        )
    return constituency


def board_seat_fill(
    *,
    actor: Actor,
    mutual: Mutual,
    kind: str,
    holder: str,
    term_starts: date,
    term_ends: date,
    skills: str = "",
) -> BoardSeat:
    """Record who holds an executive, independent or appointed board seat, and for what term."""
    require(actor, "mutuals.manage_governance", mutual)
    if kind not in BoardSeat.Kind.values:
        raise DomainError(
            "seat_kind_unknown", gettext("Choose executive, independent or appointed."), "kind"
        )
    if term_ends <= term_starts:
        raise DomainError(
            "term_invalid", gettext("The term must end after it starts."), "term_ends"
        )
    with transaction.atomic():
        seat = BoardSeat.objects.create(
            mutual=mutual,
            kind=kind,
            holder=holder.strip(),
            skills=skills,
            term_starts=term_starts,
            term_ends=term_ends,
        )
        audit_record(
            actor=actor,
            action="mutuals.board_seat_filled",
            target=seat,
            summary=f"{mutual}: {seat}",
        )
    return seat


def paper_publish(
    *, actor: Actor, mutual: Mutual, body: str, meeting_on: date, title: str, content: bytes
) -> GovernancePaper:
    """Publish a meeting paper; its type is read from its bytes (democracy's paper check)."""
    require(actor, "mutuals.manage_governance", mutual)
    if body not in GovernancePaper.Body.values:
        raise DomainError(
            "body_unknown", gettext("Choose the representative body or the board."), "body"
        )
    try:
        paper_type = paper_check(content, max_bytes=PAPER_MAX_BYTES)
    except PaperRefused:
        raise DomainError(
            "paper_refused",
            gettext("Upload a PDF, Word, Excel, PowerPoint or OpenDocument file."),
            "file",
        ) from None
    with transaction.atomic():
        paper = GovernancePaper(
            mutual=mutual,
            body=body,
            meeting_on=meeting_on,
            title=title.strip(),
            content_type=paper_type.content_type,
        )
        paper.file.save(
            f"{mutual.slug}-{meeting_on:%Y%m%d}.{paper_type.extension}",
            ContentFile(content),
            save=False,
        )
        paper.save()
        audit_record(
            actor=actor,
            action="mutuals.paper_published",
            target=paper,
            summary=f"{mutual}: {paper.title}",
        )
    return paper
