"""Which counting rule a body uses, and the one entry point that counts by it."""

from __future__ import annotations

from collections.abc import Sequence

from coopcouncil.mutuals.logic.meek import meek_count
from coopcouncil.mutuals.logic.stv import (
    SCALE,
    CountError,
    CountResult,
    Election,
    Rule,
    Stage,
    check_countable,
    lot_ranks,
    scottish_count,
    votes_text,
)

RULES: tuple[Rule, ...] = ("scottish", "meek", "plurality")


def count(
    election: Election, rule: Rule = "scottish", lot_order: Sequence[int] = ()
) -> CountResult:
    """Count ``election`` by ``rule``; ``lot_order`` lists candidates as the lot drew them."""
    check_countable(election)
    lot = lot_ranks(len(election.candidates), lot_order)
    if rule == "scottish":
        return scottish_count(election, lot)
    if rule == "meek":
        return meek_count(election, lot)
    if rule == "plurality":
        return plurality_count(election, lot)
    raise CountError(f"unknown rule {rule!r}")


def plurality_count(election: Election, lot: Sequence[int]) -> CountResult:
    """First preferences only; the ``seats`` candidates with most are elected.

    Used where a body's rules say so (first past the post for one seat). Ties for the last
    seat go by lot.
    """
    n = len(election.candidates)
    votes = [0] * n
    exhausted = 0
    for ballot in election.ballots:
        ranking = [c for c in ballot.ranking if c not in election.withdrawn]
        if ranking:
            votes[ranking[0]] += ballot.count * SCALE
        else:
            exhausted += ballot.count * SCALE
    standing = [c for c in range(n) if c not in election.withdrawn]
    order = sorted(standing, key=lambda c: (-votes[c], lot[c]))
    elected = tuple(order[: election.seats])
    stage = Stage(
        number=1,
        kind="first_preferences",
        subject=None,
        votes=tuple(votes),
        transfers=tuple(votes),
        non_transferable=exhausted,
        rounding_loss=0,
        elected=elected,
    )
    return CountResult(
        rule="plurality",
        candidates=election.candidates,
        seats=election.seats,
        valid_papers=election.valid_papers,
        quota=0,
        stages=(stage,),
        elected=elected,
        excluded=tuple(order[election.seats :]),
    )


def result_document(result: CountResult) -> dict:
    """The count as plain JSON values, votes as five-place decimal strings, candidates by name.

    The one shape the CLI's ``--json``, the API and the open dataset publish.
    """
    names = result.candidates

    def named(candidates: Sequence[int]) -> list[str]:
        return [names[c] for c in candidates]

    return {
        "rule": result.rule,
        "seats": result.seats,
        "valid_papers": result.valid_papers,
        "quota": votes_text(result.quota),
        "elected": named(result.elected),
        "excluded": named(result.excluded),
        "stages": [
            {
                "number": stage.number,
                "kind": stage.kind,
                "subject": None if stage.subject is None else names[stage.subject],
                "quota": votes_text(stage.quota),
                "votes": {names[c]: votes_text(v) for c, v in enumerate(stage.votes)},
                "transfers": {names[c]: votes_text(v) for c, v in enumerate(stage.transfers)},
                "non_transferable": votes_text(stage.non_transferable),
                "rounding_loss": votes_text(stage.rounding_loss),
                "elected": named(stage.elected),
                "excluded": named(stage.excluded),
                "tie_break": stage.tie_break,
            }
            for stage in result.stages
        ],
    }


def stage_summary(result: CountResult, stage: Stage) -> str:
    """One line saying what a stage did, in English, for the command line's report."""
    names = result.candidates
    if stage.kind == "first_preferences":
        text = "First preferences counted"
    elif stage.kind == "surplus" and stage.subject is not None:
        text = f"Surplus of {names[stage.subject]} ({votes_text(stage.transferred)}) transferred"
    elif stage.kind == "surplus":
        text = "Surpluses passed on by reducing elected candidates' keep values"
    elif stage.kind == "exclusion" and stage.subject is not None:
        text = f"{names[stage.subject]} excluded with the fewest votes; papers transferred"
    else:
        text = "Continuing candidates fill the last vacancies (no more transfers)"
    if stage.tie_break == "previous_stage":
        text += "; tie broken by the most recent stage at which they differed"
    elif stage.tie_break == "lot":
        text += "; tie broken by lot"
    if stage.elected:
        text += "; elected: " + ", ".join(names[c] for c in stage.elected)
    return text
