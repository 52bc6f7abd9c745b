"""Reads for ward polls: a poll with its options, its count, and the polls open in a ward."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from coopcouncil.budgets.logic.ward_polls import WardPollResult, ward_poll_count
from coopcouncil.budgets.models import (
    WardBudget,
    WardBudgetAllocation,
    WardPoll,
    WardPollOption,
    WardPollVote,
)
from coopcouncil.core.errors import NotFound
from coopcouncil.people.selectors import (
    Actor,
    is_signed_in,
    verified_resident_count,
    verified_resident_counts,
)
from coopcouncil.places.models import Ward


def ward_poll_list(
    *, ward: Ward | None = None, ward_budget: WardBudget | None = None
) -> QuerySet[WardPoll]:
    """Polls with their ward, councillor and options, latest closing first."""
    polls = WardPoll.objects.select_related("ward", "ward_budget__councillor").prefetch_related(
        "options"
    )
    if ward is not None:
        polls = polls.filter(ward=ward)
    if ward_budget is not None:
        polls = polls.filter(ward_budget=ward_budget)
    return polls


def ward_poll_get(poll_id: int) -> WardPoll:
    poll = ward_poll_list().filter(pk=poll_id).first()
    if poll is None:
        raise NotFound("ward_poll_not_found", f"There is no ward poll {poll_id}.", "poll")
    return poll


def ward_poll_option_get(poll: WardPoll, option_id: int) -> WardPollOption:
    option = WardPollOption.objects.filter(poll=poll, pk=option_id).first()
    if option is None:
        raise NotFound("option_not_in_poll", f"Option {option_id} is not on this poll.", "option")
    return option


def ward_poll_option_find(option_id: int) -> WardPollOption:
    """Any poll's option by its number; the service checks it belongs to the budget."""
    option = WardPollOption.objects.select_related("poll").filter(pk=option_id).first()
    if option is None:
        raise NotFound("option_not_found", f"There is no ward poll option {option_id}.", "option")
    return option


def ward_poll_closed_options(ward_budget: WardBudget) -> QuerySet[WardPollOption]:
    """Options of this budget's closed polls: what an allocation may cite."""
    return WardPollOption.objects.filter(
        poll__ward_budget=ward_budget, poll__closes_at__lte=timezone.now()
    ).select_related("poll")


def ward_poll_result(poll: WardPoll, *, now: datetime | None = None) -> WardPollResult:
    """The count so far (final once the poll has closed), with turnout in the poll's ward.

    Turnout is over the residents verified in the ward at the close, or now while it is open,
    so the figure a closed poll publishes no longer moves.
    """
    at = min(now or timezone.now(), poll.closes_at)
    ballots = WardPollVote.objects.filter(poll=poll).values_list("option_id", flat=True)
    return ward_poll_count(
        options=[(option.pk, option.label) for option in poll.options.all()],
        ballots=list(ballots),
        eligible=verified_resident_count(ward=poll.ward, at=at),
    )


def has_voted_in_ward_poll(user: Actor, poll: WardPoll) -> bool:
    return is_signed_in(user) and WardPollVote.objects.filter(poll=poll, voter=user).exists()


@dataclass(frozen=True)
class AllocationWithPoll:
    """An allocation with the ward poll it cites and that poll's count (None without one)."""

    allocation: WardBudgetAllocation
    poll: WardPoll | None
    result: WardPollResult | None

    @property
    def funded_votes(self) -> int | None:
        """Votes for the option the allocation funds."""
        if self.result is None:
            return None
        option_id = self.allocation.ward_poll_option_id
        return next(o.votes for o in self.result.options if o.option_id == option_id)


def ward_poll_results(polls: Collection[WardPoll]) -> dict[int, WardPollResult]:
    """``ward_poll_result`` for several polls in two queries, whatever their number.

    The polls' options must be prefetched.
    """
    if not polls:
        return {}
    now = timezone.now()
    ballots: dict[int, list[int]] = defaultdict(list)
    votes = WardPollVote.objects.filter(poll__in=polls).values_list("poll_id", "option_id")
    for poll_id, option_id in votes:
        ballots[poll_id].append(option_id)
    eligible = verified_resident_counts(
        [(poll.ward_id, min(now, poll.closes_at)) for poll in polls]
    )
    return {
        poll.pk: ward_poll_count(
            options=[(option.pk, option.label) for option in poll.options.all()],
            ballots=ballots[poll.pk],
            eligible=eligible[(poll.ward_id, min(now, poll.closes_at))],
        )
        for poll in polls
    }


def ward_allocations_with_polls(
    allocations: QuerySet[WardBudgetAllocation],
) -> list[AllocationWithPoll]:
    """Allocations for the ward budget pages, each beside the count of the poll it cites."""
    loaded = list(
        allocations.select_related("ward_poll_option__poll__ward").prefetch_related(
            "ward_poll_option__poll__options"
        )
    )
    polls = {
        allocation.ward_poll_option.poll.pk: allocation.ward_poll_option.poll
        for allocation in loaded
        if allocation.ward_poll_option is not None
    }
    results = ward_poll_results(list(polls.values()))
    rows = []
    for allocation in loaded:
        option = allocation.ward_poll_option
        poll = option.poll if option is not None else None
        rows.append(AllocationWithPoll(allocation, poll, results[poll.pk] if poll else None))
    return rows
