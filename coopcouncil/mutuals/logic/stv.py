"""Counting ranked ballots by the single transferable vote, stage by stage.

The default is the rule of the Scottish Local Government Elections Order 2007 (SSI 2007/42,
schedule 1, rules 45–52), the rule co-operatives copy for their representative bodies:

- the quota is Droop's: valid ballot papers ÷ (seats + 1), ignoring decimals, plus one (46);
- a candidate with a quota is elected (47);
- the largest surplus is transferred first (49), by weighted inclusive Gregory: every paper
  the candidate holds moves on at ``surplus × its value ÷ the candidate's votes`` (48(3));
- when no surplus is left, the candidate with fewest votes is excluded and every paper moves
  on at the value it arrived with (50);
- ties look back to the most recent stage at which the tied candidates differed, and
  otherwise are decided by lot (49(2)–(3), 51);
- when the continuing candidates are no more than the seats left, they are elected (52).

**Arithmetic, stated once**: votes are integers counting hundred-thousandths of a vote
(``SCALE``), so five decimal places are exact and "any remainder being ignored" is integer
floor division. The value lost by ignoring remainders is shown as ``rounding_loss``, so
elected + continuing + non-transferable + rounding loss = valid papers at every stage.

The lot is an explicit parameter: ``lot_order`` lists the candidates in the order the lot
drew them (the first drawn is chosen, whether to transfer first or to exclude); by default
it is the order of the ballot paper.

Identical ballots are grouped (``Ballot.count``) and each stage touches only the papers of
the candidate being transferred, which is what makes a 200,000-paper count quick.

Worked example: 3 candidates, 1 seat, ballots ``A>B`` ×4, ``B`` ×3, ``C>B`` ×2. Quota is
9 ÷ 2 + 1 = 5. No one has 5, so C (2 votes) is excluded; both papers go to B, who has 5
and is elected at stage 2. This is the alternative vote: one seat, the same count.

Reference: Droop (J. Lundell), ``rules/scotland.py``, an independent implementation used to
check this count against 250 real Scottish ward elections (../shared/stv).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

SCALE = 100_000  # a vote is 100,000 units: five decimal places, rule 48(3)

Rule = Literal["scottish", "meek", "plurality"]

StageKind = Literal["first_preferences", "surplus", "exclusion", "last_vacancies"]
TieBreak = Literal["", "previous_stage", "lot"]


@dataclass(frozen=True)
class Ballot:
    """One ranking (candidate indexes, first preference first) and how many papers bear it."""

    ranking: tuple[int, ...]
    count: int = 1


@dataclass(frozen=True)
class Election:
    """Candidates (by name, in ballot-paper order), seats to fill and the ballots cast."""

    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[Ballot, ...]
    title: str = ""
    withdrawn: frozenset[int] = frozenset()

    @property
    def valid_papers(self) -> int:
        return sum(ballot.count for ballot in self.ballots)


@dataclass(frozen=True)
class Stage:
    """What one stage of the count did and where every vote stood at its end.

    ``votes`` and ``transfers`` are per candidate in ``SCALE`` units; ``subject`` is the
    candidate whose surplus moved or who was excluded; ``tie_break`` says how a tie for
    that choice was settled (``previous_stage`` or ``lot``); ``elected`` are the candidates
    elected at this stage, in the order they were declared.
    """

    number: int
    kind: StageKind
    subject: int | None
    votes: tuple[int, ...]
    transfers: tuple[int, ...]
    non_transferable: int
    rounding_loss: int
    elected: tuple[int, ...] = ()
    excluded: tuple[int, ...] = ()
    tie_break: TieBreak = ""
    transferred: int = 0
    quota: int = 0


@dataclass(frozen=True)
class CountResult:
    """The outcome and every stage, enough for the council to publish why."""

    rule: Rule
    candidates: tuple[str, ...]
    seats: int
    valid_papers: int
    quota: int
    stages: tuple[Stage, ...]
    elected: tuple[int, ...]
    excluded: tuple[int, ...] = field(default=())


class CountError(ValueError):
    """The election cannot be counted as given (no seats, more seats than candidates)."""


def votes_text(units: int) -> str:
    """``123456`` (units of ``SCALE``) as ``"1.23456"``: the figure the rule prescribes."""
    sign = "-" if units < 0 else ""
    whole, fraction = divmod(abs(units), SCALE)
    return f"{sign}{whole}.{fraction:05d}"


def check_countable(election: Election) -> None:
    """Refuse an election the rule cannot count (no seats or candidates, a malformed ballot)."""
    standing = len(election.candidates) - len(election.withdrawn)
    if election.seats < 1:
        raise CountError("an election needs at least one seat")
    if standing < 1:
        raise CountError("an election needs at least one candidate")
    last = len(election.candidates) - 1
    for ballot in election.ballots:
        ranking = ballot.ranking
        if ballot.count < 0:
            raise CountError("a ballot cannot be counted a negative number of times")
        if not ranking:
            continue
        if len(set(ranking)) != len(ranking):
            raise CountError("a ballot ranks a candidate twice")
        if min(ranking) < 0 or max(ranking) > last:
            raise CountError("a ballot ranks a candidate who is not standing")


def lot_ranks(candidates: int, lot_order: Sequence[int]) -> tuple[int, ...]:
    """Each candidate's place in the lot: those drawn first, then the rest in paper order."""
    order = list(dict.fromkeys(c for c in lot_order if 0 <= c < candidates))
    order += [c for c in range(candidates) if c not in order]
    ranks = [0] * candidates
    for place, candidate in enumerate(order):
        ranks[candidate] = place
    return tuple(ranks)


def break_tie(
    tied: Sequence[int],
    history: Sequence[Sequence[int]],
    lot: Sequence[int],
    *,
    highest: bool,
) -> tuple[int, TieBreak]:
    """Choose among ``tied`` by the most recent earlier stage at which they differed.

    ``history`` holds the votes at the end of each stage, latest last. Looking back, the
    candidates with the highest (surplus, rule 49(2)) or lowest (exclusion, rule 51(2))
    votes stay in the tie; if they never differed, the first of them the lot drew is chosen.
    """
    remaining = list(tied)
    if len(remaining) == 1:
        return remaining[0], ""
    for votes in reversed(history):
        best = (max if highest else min)(votes[c] for c in remaining)
        remaining = [c for c in remaining if votes[c] == best]
        if len(remaining) == 1:
            return remaining[0], "previous_stage"
    return min(remaining, key=lambda c: lot[c]), "lot"


class _ScottishCount:
    """One run of the Scottish count; ``run`` returns the result."""

    def __init__(self, election: Election, lot: Sequence[int]) -> None:
        self.election = election
        self.lot = lot
        n = len(election.candidates)
        self.valid = election.valid_papers
        self.quota = (self.valid // (election.seats + 1) + 1) * SCALE
        self.continuing = {c for c in range(n) if c not in election.withdrawn}
        self.votes = [0] * n
        # Each candidate's papers: [count, ranking, position reached, value per paper].
        self.papers: list[list[tuple[int, tuple[int, ...], int, int]]] = [[] for _ in range(n)]
        self.elected: list[int] = []
        self.pending: list[int] = []  # elected with a surplus still to transfer
        self.excluded: list[int] = []
        self.non_transferable = 0
        self.rounding_loss = 0
        self.history: list[tuple[int, ...]] = []
        self.stages: list[Stage] = []

    def run(self) -> CountResult:
        before = [0] * len(self.votes)
        self._place_all([(b.count, b.ranking, -1, SCALE) for b in self.election.ballots])
        self._end_stage("first_preferences", None, before, "")
        while True:
            if self._complete():
                break
            if self.pending:
                self._transfer_surplus()
            else:
                self._exclude_lowest()
        self._fill_last_vacancies()
        return CountResult(
            rule="scottish",
            candidates=self.election.candidates,
            seats=self.election.seats,
            valid_papers=self.valid,
            quota=self.quota,
            stages=tuple(self.stages),
            elected=tuple(self.elected),
            excluded=tuple(self.excluded),
        )

    def _seats_left(self) -> int:
        return self.election.seats - len(self.elected)

    def _complete(self) -> bool:
        return self._seats_left() <= 0 or len(self.continuing) <= self._seats_left()

    def _place_all(self, papers: list[tuple[int, tuple[int, ...], int, int]]) -> None:
        """Give each parcel to its next continuing preference after the position it was at.

        The hot loop of the count: every transfer runs through here, so it keeps its names
        local and touches nothing but the recipient's pile and total.
        """
        continuing = self.continuing
        piles = self.papers
        votes = self.votes
        exhausted = 0
        for count_, ranking, position, value in papers:
            for index in range(position + 1, len(ranking)):
                candidate = ranking[index]
                if candidate in continuing:
                    piles[candidate].append((count_, ranking, index, value))
                    votes[candidate] += count_ * value
                    break
            else:
                exhausted += count_ * value
        self.non_transferable += exhausted

    def _end_stage(
        self,
        kind: StageKind,
        subject: int | None,
        before: list[int],
        tie: TieBreak,
        transferred: int = 0,
        excluded: tuple[int, ...] = (),
    ) -> None:
        newly = [c for c in self.continuing if self.votes[c] >= self.quota]
        newly.sort(key=lambda c: (-self.votes[c], self.lot[c]))
        for candidate in newly:
            self.continuing.discard(candidate)
            self.elected.append(candidate)
            self.pending.append(candidate)
        votes = tuple(self.votes)
        self.history.append(votes)
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                kind=kind,
                subject=subject,
                votes=votes,
                transfers=tuple(after - was for after, was in zip(votes, before, strict=True)),
                non_transferable=self.non_transferable,
                rounding_loss=self.rounding_loss,
                elected=tuple(newly),
                excluded=excluded,
                tie_break=tie,
                transferred=transferred,
                quota=self.quota,
            )
        )

    def _transfer_surplus(self) -> None:
        highest = max(self.votes[c] for c in self.pending)
        tied = [c for c in self.pending if self.votes[c] == highest]
        candidate, tie = break_tie(tied, self.history, self.lot, highest=True)
        self.pending.remove(candidate)
        before = list(self.votes)
        total = self.votes[candidate]
        surplus = total - self.quota
        papers, self.papers[candidate] = self.papers[candidate], []
        # Five places, remainder ignored (48(3)); a paper now worth nothing adds nothing.
        reweighed = [
            (count_, ranking, position, surplus * value // total)
            for count_, ranking, position, value in papers
        ]
        reweighed = [parcel for parcel in reweighed if parcel[3]]
        self.rounding_loss += surplus - sum(parcel[0] * parcel[3] for parcel in reweighed)
        self._place_all(reweighed)
        self.votes[candidate] = self.quota
        self._end_stage("surplus", candidate, before, tie, transferred=surplus)

    def _exclude_lowest(self) -> None:
        lowest = min(self.votes[c] for c in self.continuing)
        tied = sorted(c for c in self.continuing if self.votes[c] == lowest)
        candidate, tie = break_tie(tied, self.history, self.lot, highest=False)
        self.continuing.discard(candidate)
        self.excluded.append(candidate)
        before = list(self.votes)
        papers, self.papers[candidate] = self.papers[candidate], []
        self._place_all(papers)
        transferred = self.votes[candidate]
        self.votes[candidate] = 0
        self._end_stage(
            "exclusion", candidate, before, tie, transferred=transferred, excluded=(candidate,)
        )

    def _fill_last_vacancies(self) -> None:
        """Rule 52: the continuing candidates fill the seats left, with no more transfers."""
        self.pending.clear()
        if self._seats_left() <= 0 or not self.continuing:
            self.excluded.extend(
                sorted(self.continuing, key=lambda c: (self.votes[c], self.lot[c]))
            )
            self.continuing.clear()
            return
        remaining = sorted(self.continuing, key=lambda c: (-self.votes[c], self.lot[c]))
        self.continuing.clear()
        self.elected.extend(remaining)
        votes = tuple(self.votes)
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                kind="last_vacancies",
                subject=None,
                votes=votes,
                transfers=(0,) * len(votes),
                non_transferable=self.non_transferable,
                rounding_loss=self.rounding_loss,
                elected=tuple(remaining),
                quota=self.quota,
            )
        )


def scottish_count(election: Election, lot: Sequence[int]) -> CountResult:
    """The Scottish rule (module docstring); ``lot`` is each candidate's place in the lot."""
    return _ScottishCount(election, lot).run()
