"""Writes for ward polls: a councillor opens one on their ward budget, residents vote once.

One vote each is held by the database (``one_vote_per_ward_poll``), so two requests from the
same resident at once cannot both count: the second meets the constraint and is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.budgets.logic.ward_polls import check_ward_poll_terms, is_ward_poll_open
from coopcouncil.budgets.models import WardBudget, WardPoll, WardPollOption, WardPollVote
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor, acting_user


def ward_poll_open(
    *,
    actor: Actor,
    ward_budget: WardBudget,
    question: str,
    options: Sequence[str],
    opens_at: datetime,
    closes_at: datetime,
    now: datetime | None = None,
) -> WardPoll:
    """The councillor puts two to five options for their ward budget to the ward's residents."""
    require(actor, "budgets.run_ward_poll", ward_budget)
    problems = check_ward_poll_terms(
        question=question,
        options=options,
        opens_at=opens_at,
        closes_at=closes_at,
        now=now or timezone.now(),
    )
    if problems:
        first, *rest = problems
        error = DomainError(first.code, first.message, first.field)
        for problem in rest:
            error.extra_errors.setdefault(problem.field, []).append(problem.message)
        raise error
    labels = [option.strip() for option in options if option.strip()]
    with transaction.atomic():
        poll = WardPoll.objects.create(
            ward_budget=ward_budget,
            ward_id=ward_budget.ward_id,
            question=question.strip(),
            opens_at=opens_at,
            closes_at=closes_at,
            created_by=acting_user(actor),
        )
        WardPollOption.objects.bulk_create(
            WardPollOption(poll=poll, label=label, position=position)
            for position, label in enumerate(labels, start=1)
        )
        audit_record(
            actor=actor,
            action="budgets.ward_poll_opened",
            target=poll,
            summary=f"{ward_budget.ward}: '{poll.question}' ({len(labels)} options)",
            details={"options": labels, "closes_at": closes_at.isoformat()},
        )
    return poll


def ward_poll_vote(
    *, actor: Actor, poll: WardPoll, option: WardPollOption, now: datetime | None = None
) -> WardPollVote:
    """A resident verified in the poll's ward votes for one option, once.

    The audit record says that the resident voted, not how.
    """
    require(actor, "budgets.vote_in_ward_poll", poll)
    voter = acting_user(actor)
    if voter is None:  # the rule admits only signed-in residents; this narrows the type
        raise Conflict("ward_poll_not_signed_in", gettext("Sign in to vote."))
    now = now or timezone.now()
    if not is_ward_poll_open(opens_at=poll.opens_at, closes_at=poll.closes_at, now=now):
        raise Conflict("ward_poll_closed", gettext("This ward poll is not open for votes."))
    if option.poll_id != poll.pk:
        raise DomainError(
            "option_not_in_poll", gettext("Choose one of this poll's options."), "option"
        )
    try:
        with transaction.atomic():
            vote = WardPollVote.objects.create(poll=poll, option=option, voter=voter)
            audit_record(
                actor=actor,
                action="budgets.ward_poll_voted",
                target=poll,
                summary=f"A resident of {poll.ward} voted in '{poll.question}'",
            )
    except IntegrityError:
        raise Conflict(
            "ward_poll_already_voted", gettext("You have already voted in this ward poll.")
        ) from None
    return vote
