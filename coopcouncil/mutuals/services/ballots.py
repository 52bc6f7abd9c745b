"""Writes for member ballots and STV elections: open with an electorate snapshot, vote once, count.

One vote per member is held by the database: the participation row's unique constraint,
written in the same transaction as the tally, so two requests from one member at once
cannot both count (tests/mutuals/services/test_concurrency.py). The vote itself only ever
adds to a tally or a grouped ranking, which hold no member and no time (models/ballots.py).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.mutuals import selectors
from coopcouncil.mutuals.logic.ballot_files import BallotFileError, read_blt, read_csv
from coopcouncil.mutuals.logic.ballots import CHOICES, is_open
from coopcouncil.mutuals.logic.counting import RULES, count, result_document
from coopcouncil.mutuals.logic.stv import CountError
from coopcouncil.mutuals.models import (
    BallotElector,
    BallotParticipation,
    BallotTally,
    Candidate,
    Constituency,
    Election,
    ElectionElector,
    ElectionParticipation,
    ElectionRanking,
    MemberBallot,
    MembershipClass,
    Mutual,
    Representative,
)
from coopcouncil.people.selectors import Actor


def _check_window(opens_at: datetime, closes_at: datetime, electorate_on: date) -> None:
    if closes_at <= opens_at:
        raise DomainError(
            "closes_before_opening", gettext("Voting must close after it opens."), "closes_at"
        )
    if electorate_on > timezone.localdate(opens_at):
        raise DomainError(
            "electorate_after_opening",
            gettext("Take the electorate on or before the day voting opens."),
            "electorate_on",
        )


def ballot_open(
    *,
    actor: Actor,
    mutual: Mutual,
    question: str,
    classes: list[MembershipClass],
    electorate_on: date,
    opens_at: datetime,
    closes_at: datetime,
    turnout_percent_required: int = 0,
    yes_percent_required: int = 50,
) -> MemberBallot:
    """Put a yes/no question to the members of ``classes`` who had a vote on ``electorate_on``."""
    require(actor, "mutuals.run_ballots", mutual)
    if not question.strip():
        raise DomainError("question_required", gettext("Write the question."), "question")
    if not classes or any(c.mutual_id != mutual.pk for c in classes):
        raise DomainError("classes_required", gettext("Choose the classes who vote."), "classes")
    _check_window(opens_at, closes_at, electorate_on)
    for value, field in (
        (turnout_percent_required, "turnout_percent_required"),
        (yes_percent_required, "yes_percent_required"),
    ):
        if not 0 <= value <= 100:
            raise DomainError("percent_invalid", gettext("A percentage is from 0 to 100."), field)
    with transaction.atomic():
        ballot = MemberBallot.objects.create(
            mutual=mutual,
            question=question.strip(),
            electorate_on=electorate_on,
            opens_at=opens_at,
            closes_at=closes_at,
            turnout_percent_required=turnout_percent_required,
            yes_percent_required=yes_percent_required,
        )
        ballot.classes.set(classes)
        electorate = list(selectors.voting_members_on(mutual, classes, electorate_on))
        BallotElector.objects.bulk_create(
            BallotElector(ballot=ballot, member=m) for m in electorate
        )
        ballot.electorate_size = len(electorate)
        ballot.save(update_fields=["electorate_size"])
        BallotTally.objects.bulk_create(BallotTally(ballot=ballot, choice=c) for c in CHOICES)
        audit_record(
            actor=actor,
            action="mutuals.ballot_opened",
            target=ballot,
            summary=f"{mutual}: '{ballot.question}' ({len(electorate)} in the electorate)",
        )
    return ballot


def ballot_vote(
    *, actor: Actor, ballot: MemberBallot, choice: str, now: datetime | None = None
) -> None:
    """A member of the electorate votes yes, no or abstain, once; how they voted is kept nowhere."""
    require(actor, "mutuals.vote_in_ballot", ballot)
    if choice not in CHOICES:
        raise DomainError("choice_invalid", gettext("Choose yes, no or abstain."), "choice")
    now = now or timezone.now()
    if not is_open(opens_at=ballot.opens_at, closes_at=ballot.closes_at, now=now):
        raise Conflict("ballot_closed", gettext("This ballot is not open for votes."))
    member = selectors.ballot_elector(actor, ballot)
    if member is None:  # the rule admits only the electorate; this narrows the type
        raise Conflict("not_in_electorate", gettext("You are not in this ballot's electorate."))
    try:
        with transaction.atomic():
            BallotParticipation.objects.create(
                ballot=ballot, member=member, voted_on=timezone.localdate(now)
            )
            BallotTally.objects.filter(ballot=ballot, choice=choice).update(votes=F("votes") + 1)
    except IntegrityError:
        raise Conflict("already_voted", gettext("You have already voted in this ballot.")) from None


def election_open(
    *,
    actor: Actor,
    mutual: Mutual,
    title: str,
    seats: int,
    candidates: list[str],
    classes: list[MembershipClass],
    electorate_on: date,
    opens_at: datetime,
    closes_at: datetime,
    rule: str = "",
    constituency: Constituency | None = None,
) -> Election:
    """Open an election by ranked ballots to ``seats`` seats among ``candidates`` (paper order)."""
    require(actor, "mutuals.run_elections", mutual)
    names = [name.strip() for name in candidates if name.strip()]
    rule = rule or mutual.election_rule
    if not title.strip():
        raise DomainError("title_required", gettext("Give the election a title."), "title")
    if rule not in RULES:
        raise DomainError("rule_unknown", gettext("Choose a counting rule."), "rule")
    if len(set(n.casefold() for n in names)) != len(names):
        raise DomainError("candidate_twice", gettext("A candidate is named twice."), "candidates")
    if seats < 1 or len(names) < seats:
        raise DomainError(
            "too_few_candidates",
            gettext("There must be at least as many candidates as seats."),
            "candidates",
        )
    if not classes or any(c.mutual_id != mutual.pk for c in classes):
        raise DomainError("classes_required", gettext("Choose the classes who vote."), "classes")
    if constituency is not None and constituency.mutual_id != mutual.pk:
        raise DomainError(
            "constituency_not_found",
            gettext("Choose this co-operative's constituency."),
            "constituency",
        )
    _check_window(opens_at, closes_at, electorate_on)
    with transaction.atomic():
        election = Election.objects.create(
            mutual=mutual,
            constituency=constituency,
            title=title.strip(),
            seats=seats,
            rule=rule,
            electorate_on=electorate_on,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        election.classes.set(classes)
        Candidate.objects.bulk_create(
            Candidate(election=election, name=name, position=position)
            for position, name in enumerate(names, start=1)
        )
        electorate = list(selectors.voting_members_on(mutual, classes, electorate_on))
        ElectionElector.objects.bulk_create(
            ElectionElector(election=election, member=m) for m in electorate
        )
        election.electorate_size = len(electorate)
        election.save(update_fields=["electorate_size"])
        audit_record(
            actor=actor,
            action="mutuals.election_opened",
            target=election,
            summary=f"{mutual}: {election.title} ({seats} seats, {len(names)} candidates)",
        )
    return election


def _add_ranking(election: Election, ranking: str, papers: int) -> None:
    updated = ElectionRanking.objects.filter(election=election, ranking=ranking).update(
        papers=F("papers") + papers
    )
    if not updated:
        try:
            with transaction.atomic():
                ElectionRanking.objects.create(election=election, ranking=ranking, papers=papers)
        except IntegrityError:  # another vote created the same ranking at the same moment
            ElectionRanking.objects.filter(election=election, ranking=ranking).update(
                papers=F("papers") + papers
            )


def election_vote(
    *, actor: Actor, election: Election, ranking: list[int], now: datetime | None = None
) -> None:
    """A member ranks candidates (their ballot positions, first preference first), once."""
    require(actor, "mutuals.vote_in_election", election)
    now = now or timezone.now()
    if election.status != "open" or not is_open(
        opens_at=election.opens_at, closes_at=election.closes_at, now=now
    ):
        raise Conflict("election_closed", gettext("This election is not open for votes."))
    positions = {candidate.position for candidate in selectors.candidate_list(election)}
    if not ranking:
        raise DomainError("ranking_empty", gettext("Give at least a first preference."), "ranking")
    if len(set(ranking)) != len(ranking):
        raise DomainError("ranked_twice", gettext("Rank each candidate once."), "ranking")
    if any(position not in positions for position in ranking):
        raise DomainError(
            "candidate_not_standing", gettext("Rank only this election's candidates."), "ranking"
        )
    member = selectors.election_elector(actor, election)
    if member is None:  # the rule admits only the electorate; this narrows the type
        raise Conflict("not_in_electorate", gettext("You are not in this election's electorate."))
    try:
        with transaction.atomic():
            ElectionParticipation.objects.create(
                election=election, member=member, voted_on=timezone.localdate(now)
            )
            _add_ranking(election, " ".join(str(p) for p in ranking), 1)
    except IntegrityError:
        raise Conflict(
            "already_voted", gettext("You have already voted in this election.")
        ) from None


def election_ballots_import(
    *, actor: Actor, election: Election, text: str, file_format: str
) -> int:
    """Add paper ballots from a BLT or CSV file, all or nothing; the papers added.

    A BLT file must name the election's candidates in the same order.
    """
    require(actor, "mutuals.run_elections", election.mutual)
    if election.status != "open":
        raise Conflict("election_counted", gettext("This election has been counted."))
    names = [candidate.name for candidate in selectors.candidate_list(election)]
    try:
        if file_format == "blt":
            read = read_blt(text)
            if list(read.candidates) != names or read.seats != election.seats:
                raise BallotFileError(
                    1, gettext("the file's candidates and seats are not this election's")
                )
            ballots = list(read.ballots)
        elif file_format == "csv":
            ballots = read_csv(text, names)
        else:
            raise DomainError("format_unknown", gettext("Choose BLT or CSV."), "file_format")
    except BallotFileError as error:
        raise RowErrors(
            "ballots_import_invalid",
            gettext("Nothing was imported: fix the file."),
            [(error.line, "file", error.message)],
        ) from None
    papers = sum(ballot.count for ballot in ballots)
    with transaction.atomic():
        for ballot in ballots:
            _add_ranking(election, " ".join(str(c + 1) for c in ballot.ranking), ballot.count)
        audit_record(
            actor=actor,
            action="mutuals.ballots_imported",
            target=election,
            summary=f"{papers} paper ballots added to {election.title}",
        )
    return papers


def election_count(*, actor: Actor, election: Election, now: datetime | None = None) -> Election:
    """Count a closed election by its rule and publish every stage; seat the winners."""
    require(actor, "mutuals.run_elections", election.mutual)
    now = now or timezone.now()
    if election.status != "open":
        raise Conflict("election_counted", gettext("This election has already been counted."))
    if now < election.closes_at:
        raise Conflict("election_still_open", gettext("Count once voting has closed."))
    countable = selectors.election_countable(election)
    try:
        result = count(countable, election.rule)  # type: ignore[arg-type]
    except CountError as error:
        raise DomainError("count_impossible", str(error)) from None
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        if locked.status != "open":
            raise Conflict("election_counted", gettext("This election has already been counted."))
        _forget_the_order_of_voting(election)
        election.result = result_document(result)
        election.status = "counted"
        election.counted_at = now
        election.save(update_fields=["result", "status", "counted_at"])
        if election.constituency is not None:
            starts = timezone.localdate(now)
            ends = _months_later(starts, election.constituency.term_months)
            Representative.objects.bulk_create(
                Representative(
                    constituency=election.constituency,
                    name=countable.candidates[c],
                    term_starts=starts,
                    term_ends=ends,
                    election=election,
                )
                for c in result.elected
            )
        audit_record(
            actor=actor,
            action="mutuals.election_counted",
            target=election,
            summary=f"{election.title}: elected "
            + ", ".join(countable.candidates[c] for c in result.elected),
        )
    return election


def _forget_the_order_of_voting(election: Election) -> None:
    """Rewrite the grouped rankings and who voted in an order that says nothing about time.

    Neither table has a column in common with the other, but a database reads rows in the
    order they were written until they are rewritten; once voting is over both are written
    again, rankings in ranking order and who voted in member order, so the physical order
    of the two tables cannot be lined up either.
    """
    rankings = sorted(
        ElectionRanking.objects.filter(election=election).values_list("ranking", "papers")
    )
    ElectionRanking.objects.filter(election=election).delete()
    ElectionRanking.objects.bulk_create(
        ElectionRanking(election=election, ranking=ranking, papers=papers)
        for ranking, papers in rankings
    )
    voted = sorted(
        ElectionParticipation.objects.filter(election=election).values_list("member_id", "voted_on")
    )
    ElectionParticipation.objects.filter(election=election).delete()
    ElectionParticipation.objects.bulk_create(
        ElectionParticipation(election=election, member_id=member_id, voted_on=voted_on)
        for member_id, voted_on in voted
    )


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))
