"""Reads for two-tier governance: constituencies, representatives, the board and papers."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.mutuals.models import (
    BoardSeat,
    Constituency,
    GovernancePaper,
    Member,
    Mutual,
    Representative,
)


def constituency_list(mutual: Mutual, *, today: date) -> QuerySet[Constituency]:
    """Constituencies with the representatives whose term runs on ``today``."""
    return (
        Constituency.objects.filter(mutual=mutual)
        .select_related("membership_class")
        .prefetch_related(
            Prefetch(
                "representatives",
                queryset=Representative.objects.filter(
                    term_starts__lte=today, term_ends__gte=today
                ),
                to_attr="serving",
            )
        )
    )


def my_constituencies(member: Member, *, today: date) -> QuerySet[Constituency]:
    """The constituencies a member votes in: those of the classes they hold now."""
    return constituency_list(member.mutual, today=today).filter(
        Q(membership_class__holdings__member=member)
        & Q(membership_class__holdings__lapsed_on__isnull=True)
    )


def board_list(mutual: Mutual, *, today: date) -> QuerySet[BoardSeat]:
    return BoardSeat.objects.filter(mutual=mutual, term_starts__lte=today, term_ends__gte=today)


def paper_list(mutual: Mutual) -> QuerySet[GovernancePaper]:
    return GovernancePaper.objects.filter(mutual=mutual)


def paper_get(paper_id: int) -> GovernancePaper:
    paper = GovernancePaper.objects.select_related("mutual").filter(pk=paper_id).first()
    if paper is None:
        raise NotFound("paper_not_found", gettext("There is no such paper."), "paper")
    return paper
