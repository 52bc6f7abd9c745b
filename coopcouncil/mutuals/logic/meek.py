"""Meek's method: STV where elected candidates keep only a quota of every paper.

An alternative rule a co-operative's rules may choose (as New Zealand's councils and many
societies do). Each elected candidate has a keep value: a paper gives each candidate it
ranks that share of what is left of it and passes the rest on, so a surplus flows through
every later preference, including to candidates already elected. The quota is recomputed
as (valid − votes that fall off the end) ÷ (seats + 1) and keep values shrink until every
elected candidate holds a quota to within ``TOLERANCE``; then anyone over the quota is
elected, or else the lowest candidate is excluded (ties as in ``stv.break_tie``).

Arithmetic: fixed point with nine decimal places (``MEEK_SCALE``), keep values rounded up
and shares rounded down, as Hill, Wichmann and Woodall's Algorithm 123 does; stages report
votes in the five-place units of ``stv.SCALE``.

Reference: I. D. Hill, B. A. Wichmann and D. R. Woodall, "Algorithm 123: Single transferable
vote by Meek's method", The Computer Journal 30 (1987).
"""

from __future__ import annotations

from collections.abc import Sequence

from coopcouncil.mutuals.logic.stv import (
    SCALE,
    CountResult,
    Election,
    Stage,
    StageKind,
    TieBreak,
    break_tie,
)

MEEK_SCALE = 10**9
TOLERANCE = 10**3  # a millionth of a vote
MAX_ITERATIONS = 500
_TO_REPORT = MEEK_SCALE // SCALE


def _distribute(election: Election, keep: list[int]) -> tuple[list[int], int]:
    """Each candidate's votes under the keep values, and the votes no one kept."""
    votes = [0] * len(election.candidates)
    excess = 0
    for ballot in election.ballots:
        weight = MEEK_SCALE
        for candidate in ballot.ranking:
            share = keep[candidate]
            if share:
                given = weight * share // MEEK_SCALE
                votes[candidate] += given * ballot.count
                weight -= given
                if not weight:
                    break
        excess += weight * ballot.count
    return votes, excess


def meek_count(election: Election, lot: Sequence[int]) -> CountResult:
    """Count ``election`` by Meek's method; ``lot`` is each candidate's place in the lot."""
    n = len(election.candidates)
    valid = election.valid_papers
    keep = [0 if c in election.withdrawn else MEEK_SCALE for c in range(n)]
    hopeful = {c for c in range(n) if c not in election.withdrawn}
    elected: list[int] = []
    excluded: list[int] = []
    stages: list[Stage] = []
    history: list[tuple[int, ...]] = []
    previous = (0,) * n
    kind: StageKind = "first_preferences"
    subject: int | None = None
    tie: TieBreak = ""
    quota = 0
    while True:
        votes, excess, quota = _converge(election, keep, elected, valid)
        newly = sorted((c for c in hopeful if votes[c] >= quota), key=lambda c: (-votes[c], lot[c]))
        for candidate in newly:
            hopeful.discard(candidate)
            elected.append(candidate)
        reported = tuple(v // _TO_REPORT for v in votes)
        history.append(reported)
        stages.append(
            Stage(
                number=len(stages) + 1,
                kind=kind,
                subject=subject,
                votes=reported,
                transfers=tuple(a - b for a, b in zip(reported, previous, strict=True)),
                non_transferable=excess // _TO_REPORT,
                rounding_loss=valid * SCALE - sum(reported) - excess // _TO_REPORT,
                elected=tuple(newly),
                excluded=(subject,) if kind == "exclusion" and subject is not None else (),
                tie_break=tie,
                quota=quota // _TO_REPORT,
            )
        )
        previous = reported
        seats_left = election.seats - len(elected)
        if seats_left <= 0 or len(hopeful) <= seats_left:
            break
        if newly:
            kind, subject, tie = "surplus", None, ""
            continue
        lowest = min(votes[c] for c in hopeful)
        tied = sorted(c for c in hopeful if votes[c] == lowest)
        subject, tie = break_tie(tied, history, lot, highest=False)
        kind = "exclusion"
        hopeful.discard(subject)
        excluded.append(subject)
        keep[subject] = 0
    if len(elected) < election.seats:
        remaining = sorted(hopeful, key=lambda c: (-previous[c], lot[c]))
        elected.extend(remaining)
        stages.append(
            Stage(
                number=len(stages) + 1,
                kind="last_vacancies",
                subject=None,
                votes=previous,
                transfers=(0,) * n,
                non_transferable=stages[-1].non_transferable,
                rounding_loss=stages[-1].rounding_loss,
                elected=tuple(remaining),
                quota=quota // _TO_REPORT,
            )
        )
        hopeful.clear()
    excluded.extend(sorted(hopeful, key=lambda c: (previous[c], lot[c])))
    return CountResult(
        rule="meek",
        candidates=election.candidates,
        seats=election.seats,
        valid_papers=valid,
        quota=quota // _TO_REPORT,
        stages=tuple(stages),
        elected=tuple(elected),
        excluded=tuple(excluded),
    )


def _converge(
    election: Election, keep: list[int], elected: Sequence[int], valid: int
) -> tuple[list[int], int, int]:
    """Shrink the elected candidates' keep values until each holds about a quota."""
    votes, excess, quota = [0], 0, 0
    for _ in range(MAX_ITERATIONS):
        votes, excess = _distribute(election, keep)
        quota = (valid * MEEK_SCALE - excess) // (election.seats + 1) + 1
        surplus = sum(max(votes[c] - quota, 0) for c in elected)
        if surplus < TOLERANCE:
            break
        for c in elected:
            if votes[c] > 0:
                keep[c] = -(-keep[c] * quota // votes[c])  # rounded up
    return votes, excess, quota
