"""Member ballots and STV elections, with who voted kept apart from how.

Secrecy by construction: a vote is never a row of its own. A yes/no ballot adds one to a
tally (``BallotTally``); an STV ballot adds one to the count of its ranking
(``ElectionRanking``, identical rankings grouped, which the count wants anyway). Neither
has a member, a user or a time, and their keys are random (UUID), so nothing orders them
by when they were cast. Who voted (``BallotParticipation``, ``ElectionParticipation``)
holds the member and only the day, so insight can count taking part. There is no key, time
or sequence shared by the two: no query, export or admin page can join them
(tests/mutuals/test_secrecy.py). Rows still sit on disk in the order they were written, so
when an election is counted both tables are rewritten in an order that says nothing of time
(``services.ballots``); a yes/no ballot has only its three tally rows to begin with.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.mutuals.models.governance import Constituency
from coopcouncil.mutuals.models.register import Member, MembershipClass, Mutual


class MemberBallot(models.Model):
    """A yes/no question put to members (a stock-transfer ballot, say)."""

    mutual = models.ForeignKey(Mutual, on_delete=models.CASCADE, related_name="ballots")
    question = models.CharField(_("question"), max_length=300)
    classes = models.ManyToManyField(MembershipClass, related_name="+")
    electorate_on = models.DateField(_("electorate taken on"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    turnout_percent_required = models.PositiveSmallIntegerField(_("minimum turnout (%)"), default=0)
    yes_percent_required = models.PositiveSmallIntegerField(_("yes needed (%)"), default=50)
    electorate_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="member_ballot_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(yes_percent_required__lte=100) & Q(turnout_percent_required__lte=100),
                name="member_ballot_percentages",
            ),
        ]

    def __str__(self) -> str:
        return self.question


class BallotElector(models.Model):
    """A member in the ballot's electorate snapshot."""

    ballot = models.ForeignKey(MemberBallot, on_delete=models.CASCADE, related_name="electors")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="ballot_elector_once")
        ]

    def __str__(self) -> str:
        return f"Elector {self.member_id} in ballot {self.ballot_id}"


class BallotParticipation(models.Model):
    """That a member voted (never how); the day only."""

    ballot = models.ForeignKey(MemberBallot, on_delete=models.CASCADE, related_name="participation")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    voted_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="one_vote_per_member_ballot")
        ]

    def __str__(self) -> str:
        return f"Member {self.member_id} voted in ballot {self.ballot_id}"


class BallotTally(models.Model):
    """How many voted each way: the only record of the votes themselves."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(MemberBallot, on_delete=models.CASCADE, related_name="tallies")
    choice = models.CharField(max_length=10)
    votes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["ballot", "choice"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "choice"], name="ballot_tally_per_choice")
        ]

    def __str__(self) -> str:
        return f"{self.choice}: {self.votes}"


class Election(models.Model):
    """An election to a constituency's seats (or any seats) by ranked ballots."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for votes")
        COUNTED = "counted", _("Counted")

    mutual = models.ForeignKey(Mutual, on_delete=models.CASCADE, related_name="elections")
    constituency = models.ForeignKey(
        Constituency, null=True, blank=True, on_delete=models.SET_NULL, related_name="elections"
    )
    title = models.CharField(_("title"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("seats"))
    rule = models.CharField(
        _("counting rule"), max_length=20, choices=Mutual.ElectionRule.choices, default="scottish"
    )
    classes = models.ManyToManyField(MembershipClass, related_name="+")
    electorate_on = models.DateField(_("electorate taken on"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    electorate_size = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default="open")
    result = models.JSONField(null=True, blank=True)  # logic.counting.result_document
    counted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-closes_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="mutual_election_closes_after_opening",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="mutual_election_has_seats"),
        ]

    def __str__(self) -> str:
        return self.title


class Candidate(models.Model):
    """A candidate, in ballot-paper order."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("name"), max_length=150)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["election", "position"]
        constraints = [
            models.UniqueConstraint(fields=["election", "position"], name="candidate_position"),
            models.UniqueConstraint(fields=["election", "name"], name="candidate_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ElectionElector(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="electors")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="election_elector_once")
        ]

    def __str__(self) -> str:
        return f"Elector {self.member_id} in election {self.election_id}"


class ElectionParticipation(models.Model):
    """That a member voted in an election (never how); the day only."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="participation")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    voted_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="one_vote_per_election")
        ]

    def __str__(self) -> str:
        return f"Member {self.member_id} voted in election {self.election_id}"


class ElectionRanking(models.Model):
    """How many papers bear one ranking: candidate positions, e.g. ``"3 1 2"``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="rankings")
    ranking = models.CharField(max_length=400)
    papers = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["election", "ranking"]
        constraints = [
            models.UniqueConstraint(fields=["election", "ranking"], name="election_ranking_once")
        ]

    def __str__(self) -> str:
        return f"{self.ranking}: {self.papers}"
