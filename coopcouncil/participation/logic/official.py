"""The rules cities actually used, as Pabulib META `rule` names them, with their constraints.

pabutools ignores city constraints; councils cannot. This module applies the file's own rule:

* `greedy`: fund projects by score (approvals; points for cumulative ballots; for ordinal
  ballots L - i points at position i of a ballot of length L, as Kraków counts), skipping any
  that no longer fit. Equal scores follow the city's published tie-break (`CITY_TIE_BREAKS`:
  Warsaw's regulations rank by votes, then by cost, the cheaper first), elsewhere the smallest
  project id as text. A tie whose order decided a project's fate is recorded in the outcome.
* `greedy-no-skip`: the same, but stop at the first project that does not fit (Wrocław, Gdynia).
* `greedy-threshold`: projects scoring below META `min_project_score_threshold` may not be
  funded (Warszawa 2018: 10 % of the valid votes cast in the district or area, worked out per
  file; Warszawa 2026, Katowice, Łódź: a fixed number). A file naming this rule without the
  number is refused rather than counted with no minimum. The minimum applies to every other
  city rule too when META gives it (Gdynia), equal shares included: a project below it is not
  funded, its result says so, and the outcome records the minimum.
* META `budget_per_category` (with `categories`, Amsterdam): a category may not spend more than
  its share; when META has `leftover_budget`, money left after that pass funds further projects
  by score regardless of category.
* `greedy-custom` (Poznań, per the file's META comment): greedy without skipping; the first
  project that does not fit is also funded (from the city's reserve, `selected` 2) when the
  money left covers at least 80 % of its cost.
* `equalshares/add1` (Assen, Świecie; https://equalshares.net/implementation/completion):
  Method of Equal Shares with cost utilities, ties to the cheaper project, then the one with more
  votes; each voter's budget is raised by one currency unit at a time while the outcome is not
  exhaustive and the next outcome still fits (no further completion: that is `add1u`).
* `equalshares/add1-comparison` (Wieliczka 2023): as `add1`, then compared with the plain
  greedy outcome; greedy wins if more voters have a funded project they voted for under greedy
  but none under equal shares than the other way round (equalshares.net "comparison step").

`unreproducible_reason` lists the published outcomes these rules cannot reproduce, and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from coopcouncil.participation.logic.election import (
    CARDINAL_VOTE_TYPES,
    ORDINAL,
    Election,
    Vote,
)
from coopcouncil.participation.logic.outcome import Outcome, ProjectResult
from coopcouncil.participation.logic.pabulib import format_number, parse_number
from coopcouncil.participation.logic.profile import (
    COST_SATISFACTION,
    UnsupportedRule,
    ballot_profile,
)
from coopcouncil.participation.logic.rules.equal_shares import EqualSharesMarket, explain_run
from coopcouncil.participation.logic.ties import (
    BY_SMALLER_ID,
    CHEAPER_FIRST,
    POINTS,
    VOTES,
    GreedyStep,
    TieBreak,
    decided_ties,
)

GREEDY_RULES = ("greedy", "greedy-no-skip", "greedy-threshold", "greedy-custom")
EQUAL_SHARES_RULES = ("equalshares/add1", "equalshares/add1-comparison")
OFFICIAL_RULES = GREEDY_RULES + EQUAL_SHARES_RULES
RESERVE_SHARE = Fraction(4, 5)  # Poznań funds the next project from reserve if 80 % is covered

CITY_TIE_BREAKS = {"Warszawa": CHEAPER_FIRST, "Warsaw": CHEAPER_FIRST}
"""Published tie-breaks by META `unit`. Warsaw's PB regulations rank projects by votes and,
on equal votes, put the cheaper project first. Cities not listed publish none in their files,
so their ties go to the smallest project id, as pabutools does."""

_UNREPRODUCIBLE = {
    "Poland_Poznan_2023_5_-_Grunwald_Polnoc_Grunwald_Poludnie_Stary_Grunwald.pb": (
        "Poznań marks V.3 with selected=3: it was funded from extra money moved from other "
        "districts after the count, an amount the file does not record"
    ),
    "Poland_Wieliczka_2023_Green_Budget.pb": (
        "equal shares with add1 (cost or uniform utilities, any tie order) and the "
        "exclusion-ratio comparison funds 66 and 67 where Wieliczka funded 46; the city's "
        "exact settings are not in the file (see the logic README)"
    ),
}


def unreproducible_reason(meta_rule: str, file_name: str) -> str | None:
    """Why the published `selected` column of a shared file cannot be reproduced, or None."""
    if meta_rule not in OFFICIAL_RULES:
        return f"META rule {meta_rule!r} does not say how the city counted"
    return _UNREPRODUCIBLE.get(file_name)


def official_outcome(election: Election) -> Outcome:
    """Count `election` the way its META `rule` says the city did (see the module docstring)."""
    rule = election.meta.get("rule", "").strip()
    if rule == "greedy-threshold" and score_threshold(election) is None:
        raise UnsupportedRule(
            "META rule 'greedy-threshold' needs min_project_score_threshold, the minimum "
            "support a project must reach; the file does not record it"
        )
    if rule in GREEDY_RULES:
        return _city_greedy(election, rule)
    if rule in EQUAL_SHARES_RULES:
        return _equal_shares_add_one(election, rule)
    raise UnsupportedRule(
        f"META rule {rule!r} is not one we can apply; known: {', '.join(OFFICIAL_RULES)}"
    )


def project_scores(election: Election) -> dict[str, Fraction]:
    """Each project's score as cities publish it: approvals, points, or ranked points."""
    scores = {p.project_id: Fraction(0) for p in election.projects}
    vote_type = election.vote_type
    for vote in election.votes:
        if vote_type in CARDINAL_VOTE_TYPES and vote.points is not None:
            for project_id, points in zip(vote.projects, vote.points, strict=True):
                scores[project_id] += points
        elif vote_type == ORDINAL:
            length = len(vote.projects)
            for position, project_id in enumerate(vote.projects):
                scores[project_id] += length - position
        else:
            for project_id in set(vote.projects):
                scores[project_id] += 1
    return scores


def score_threshold(election: Election) -> Fraction | None:
    """META `min_project_score_threshold`, the score a project needs to be eligible."""
    text = election.meta.get("min_project_score_threshold", "").strip()
    return parse_number(text) if text else None


def city_tie_break(election: Election) -> TieBreak:
    """The tie-break the city of META `unit` publishes (`CITY_TIE_BREAKS`), else smaller id."""
    return CITY_TIE_BREAKS.get(election.meta.get("unit", "").strip(), BY_SMALLER_ID)


def category_budgets(election: Election) -> dict[str, Fraction]:
    """META `budget_per_category` matched to META `categories` (empty when absent)."""
    caps = election.meta.get("budget_per_category", "").strip()
    names = election.meta.get("categories", "").strip()
    if not caps or not names:
        return {}
    return {
        name.strip(): parse_number(cap)
        for name, cap in zip(names.split(","), caps.split(","), strict=True)
    }


def _city_greedy(election: Election, rule: str) -> Outcome:
    scores = project_scores(election)
    threshold = score_threshold(election)
    tie_break = city_tie_break(election)
    order = sorted(election.projects, key=lambda p: _rank(p, scores, tie_break))
    caps = category_budgets(election)
    left = election.budget
    results: dict[str, ProjectResult] = {}
    funded: list[str] = []
    steps: list[GreedyStep] = []
    is_stopped, group = False, _TieGroup(None, left, dict(caps))
    for project in order:
        score = scores[project.project_id]
        is_open = not is_stopped and (threshold is None or score >= threshold)
        if score != group.score:
            group = _TieGroup(score, left, dict(caps))
        fits_first, label = group.fits(project), f"score {format_number(score)}"
        if threshold is not None and score < threshold:
            reason = _below_minimum(label, threshold)
        elif is_stopped:
            reason = f"{label}; counting had stopped ({rule})"
        elif project.cost <= left and _fits_category(project.categories, project.cost, caps):
            left -= project.cost
            _spend_category(project.categories, project.cost, caps)
            funded.append(project.project_id)
            reason = f"{label}; funded, {format_number(left)} left"
        elif rule == "greedy-custom" and left >= RESERVE_SHARE * project.cost:
            funded.append(project.project_id)
            reason = f"{label}; funded from reserve: {format_number(left)} left covers 80 %"
            left, is_stopped = Fraction(0), True
        else:
            reason = _did_not_fit(label, project.cost, left, project.categories, caps)
            is_stopped = rule in ("greedy-no-skip", "greedy-custom")
        result = results[project.project_id] = _result(project, funded, reason, score, threshold)
        steps.append(
            GreedyStep(
                project.project_id, project.cost, score, fits_first, is_open, result.is_selected
            )
        )
    if caps and "leftover_budget" in election.meta:
        _spend_leftover(order, scores, threshold, left, funded, results)
    ties = decided_ties(steps, tie_break, _score_measure(election))
    return _outcome(f"official:{rule}", election, funded, results, ties, threshold)


def _rank(project, scores: dict[str, Fraction], tie_break: TieBreak) -> tuple:
    """Higher scores first; equal scores in the city's tie-break order."""
    return (-scores[project.project_id], *tie_break.key(project.project_id, project.cost))


@dataclass(frozen=True)
class _TieGroup:
    """What was left when the count reached a score: would a project have fitted first?"""

    score: Fraction | None
    left: Fraction
    caps: dict[str, Fraction]

    def fits(self, project) -> bool:
        return project.cost <= self.left and _fits_category(
            project.categories, project.cost, self.caps
        )


def _score_measure(election: Election) -> str:
    return POINTS if election.vote_type in (*CARDINAL_VOTE_TYPES, ORDINAL) else VOTES


def _below_minimum(label: str, threshold: Fraction) -> str:
    return (
        f"{label} below the threshold {format_number(threshold)}: not eligible "
        "(the city's minimum support)"
    )


def _fits_category(categories: Sequence[str], cost: Fraction, caps: dict[str, Fraction]) -> bool:
    return all(cost <= caps[c] for c in categories if c in caps)


def _spend_category(categories: Sequence[str], cost: Fraction, caps: dict[str, Fraction]) -> None:
    for category in categories:
        if category in caps:
            caps[category] -= cost


def _did_not_fit(
    label: str, cost: Fraction, left: Fraction, categories: Sequence[str], caps: dict
) -> str:
    if cost > left:
        return f"{label}; did not fit: cost {format_number(cost)} > remaining {format_number(left)}"
    category = next(c for c in categories if c in caps and cost > caps[c])
    return (
        f"{label}; did not fit category {category!r}: cost {format_number(cost)} > "
        f"its remaining {format_number(caps[category])}"
    )


def _spend_leftover(order, scores, threshold, left, funded, results) -> None:
    """META leftover_budget: fund further projects by score, ignoring category budgets."""
    for project in order:
        score = scores[project.project_id]
        if project.project_id in funded or (threshold is not None and score < threshold):
            continue
        if project.cost <= left:
            left -= project.cost
            funded.append(project.project_id)
            reason = f"score {format_number(score)}; funded from leftover budget"
            results[project.project_id] = _result(project, funded, reason, score)


def _result(
    project, funded: list[str], reason: str, score: Fraction, threshold: Fraction | None = None
) -> ProjectResult:
    is_selected = bool(funded) and funded[-1] == project.project_id
    return ProjectResult(
        project_id=project.project_id,
        cost=project.cost,
        is_selected=is_selected,
        reason=reason,
        round=len(funded) if is_selected else None,
        support=score,
        is_below_minimum=threshold is not None and score < threshold,
    )


def _outcome(
    rule: str, election: Election, funded: list[str], results: dict, ties, threshold
) -> Outcome:
    return Outcome(
        rule=rule,
        budget=election.budget,
        selected=tuple(funded),
        projects=tuple(results[p.project_id] for p in election.projects),
        ties=ties,
        minimum_support=threshold,
    )


def _equal_shares_add_one(election: Election, rule: str) -> Outcome:
    threshold = score_threshold(election)
    scores = project_scores(election)
    below = {pid for pid, score in scores.items() if threshold is not None and score < threshold}
    profile = ballot_profile(_without_projects(election, below) if below else election)
    votes = profile.backer_counts
    tie_order = [(profile.costs[i], -votes[i], pid) for i, pid in enumerate(profile.project_ids)]
    market = EqualSharesMarket(profile, COST_SATISFACTION, tie_order=tie_order)
    share = market.equal_share(profile.budget)
    run = market.run(share)
    raises, wanted = 0, sum(1 for total in profile.score_totals if total > 0)
    while len(run.funded) < wanted and not _is_exhaustive(
        profile.costs, run.funded, profile.budget
    ):
        richer = market.run(share + raises + 1, cost_cap=profile.budget)
        if richer.is_over_cap:
            break
        run, raises = richer, raises + 1
    results = explain_run(profile, run, stage=f"equal shares, +{raises} per voter")
    funded = list(run.funded)
    notes = [f"each voter's share was raised by {raises} currency units (add1)"]
    if rule.endswith("-comparison"):
        greedy = _by_votes(profile)
        if _prefers_greedy(profile, funded, greedy):
            notes.append("comparison: more voters preferred the greedy outcome, which replaces it")
            funded = greedy
        else:
            notes.append("comparison: the equal shares outcome kept")
    outcome = _equal_shares_outcome(f"official:{rule}", profile, funded, results, notes)
    return _with_minimum_support(outcome, election, scores, threshold)


def _without_projects(election: Election, removed: set[str]) -> Election:
    """The election as if `removed` had not been on the ballot (a ranking closes up)."""
    votes = []
    for vote in election.votes:
        keep = [i for i, pid in enumerate(vote.projects) if pid not in removed]
        points = None if vote.points is None else tuple(vote.points[i] for i in keep)
        votes.append(Vote(vote.voter_id, tuple(vote.projects[i] for i in keep), points, vote.extra))
    return Election(
        meta=election.meta,
        projects=tuple(p for p in election.projects if p.project_id not in removed),
        votes=tuple(votes),
        project_columns=election.project_columns,
        vote_columns=election.vote_columns,
    )


def _with_minimum_support(
    outcome: Outcome, election: Election, scores: dict[str, Fraction], threshold: Fraction | None
) -> Outcome:
    """`outcome` (counted without the projects below the minimum) with those projects put back,
    each not funded with the reason, in the file's order."""
    if threshold is None:
        return outcome
    counted = {p.project_id: p for p in outcome.projects}
    projects = []
    for project in election.projects:
        score = scores[project.project_id]
        if project.project_id in counted:
            projects.append(counted[project.project_id])
            continue
        reason = _below_minimum(f"score {format_number(score)}", threshold)
        projects.append(_result(project, [], reason, score, threshold))
    return replace(outcome, projects=tuple(projects), minimum_support=threshold)


def _is_exhaustive(costs: Sequence[Fraction], funded: Sequence[int], budget: Fraction) -> bool:
    left = budget - sum((costs[i] for i in funded), Fraction(0))
    return all(cost > left for i, cost in enumerate(costs) if i not in funded)


def _by_votes(profile, already: Sequence[int] = ()) -> list[int]:
    """Greedy by number of votes (equalshares.net's utilitarian completion)."""
    funded = list(already)
    left = profile.budget - sum((profile.costs[i] for i in funded), Fraction(0))
    order = sorted(range(len(profile.costs)), key=lambda i: -profile.backer_counts[i])
    for index in order:
        if index not in funded and profile.costs[index] <= left:
            funded.append(index)
            left -= profile.costs[index]
    return funded


def _prefers_greedy(profile, mes: Sequence[int], greedy: Sequence[int]) -> bool:
    """equalshares.net exclusion-ratio comparison: who has a funded project only under one."""
    mes_set, greedy_set = set(mes), set(greedy)
    prefers_mes = prefers_greedy = 0
    for ballot, weight in zip(profile.ballot_projects, profile.weights, strict=True):
        under_mes = any(p in mes_set for p in ballot)
        under_greedy = any(p in greedy_set for p in ballot)
        if under_mes and not under_greedy:
            prefers_mes += weight
        elif under_greedy and not under_mes:
            prefers_greedy += weight
    return prefers_greedy > prefers_mes


def _equal_shares_outcome(rule, profile, funded, results, notes) -> Outcome:
    chosen = set(funded)
    projects = []
    for index, project_id in enumerate(profile.project_ids):
        result = results[index]
        if (index in chosen) != result.is_selected:
            result = ProjectResult(
                project_id=project_id,
                cost=profile.costs[index],
                is_selected=index in chosen,
                reason="funded by the greedy outcome that won the comparison"
                if index in chosen
                else "not in the greedy outcome that won the comparison",
                support=Fraction(profile.backer_counts[index]),
                stage="comparison",
            )
        projects.append(result)
    return Outcome(
        rule=rule,
        budget=profile.budget,
        selected=tuple(profile.project_ids[i] for i in funded),
        projects=tuple(projects),
        notes=tuple(notes),
    )
