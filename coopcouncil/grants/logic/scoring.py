"""Scoring schemes, weighted scores and moderation.

A round publishes criteria whose weights sum to 100. Each assessor marks every criterion
from 0 to the scale's top; their weighted score is out of 100:

    weighted = sum(weight_i * mark_i) / top

Worked example: weights 60 and 40, top 10, marks 5 and 10 → (60*5 + 40*10) / 10 = 70.

Moderation compares each assessor's weighted score with the panel's median and flags
anyone further from it than the threshold the council sets; it also shows, per criterion,
the lowest and highest mark (the spread). Fractions keep every figure exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import median

from coopcouncil.grants.logic.applications import Problem


@dataclass(frozen=True)
class CriterionWeight:
    criterion_id: int
    name: str
    weight_percent: int


def scheme_problems(weights: Sequence[int]) -> list[Problem]:
    """Why a scheme cannot be published (empty when it can): weights must sum to 100."""
    if not weights:
        return [Problem("criteria", "criteria_required")]
    if any(w <= 0 for w in weights):
        return [Problem("criteria", "weight_not_positive")]
    total = sum(weights)
    if total != 100:
        return [Problem("criteria", "weights_not_100", (("total", str(total)),))]
    return []


def weighted_score(
    criteria: Sequence[CriterionWeight], marks: Mapping[int, int], *, top: int
) -> Fraction:
    """An assessor's score out of 100 from their marks by criterion id (missing count 0)."""
    total = sum(
        (Fraction(c.weight_percent * marks.get(c.criterion_id, 0), top) for c in criteria),
        Fraction(0),
    )
    return total


@dataclass(frozen=True)
class CriterionSpread:
    criterion_id: int
    name: str
    lowest: int
    highest: int

    @property
    def spread(self) -> int:
        return self.highest - self.lowest


@dataclass(frozen=True)
class AssessorResult:
    assessor_id: int
    weighted: Fraction
    distance: Fraction
    is_flagged: bool


@dataclass(frozen=True)
class Moderation:
    """The panel's view of one application's scores."""

    assessors: tuple[AssessorResult, ...]
    criteria: tuple[CriterionSpread, ...]
    median: Fraction | None
    is_complete: bool

    @property
    def mean(self) -> Fraction | None:
        if not self.assessors:
            return None
        return sum((a.weighted for a in self.assessors), Fraction(0)) / len(self.assessors)

    @property
    def flagged(self) -> tuple[AssessorResult, ...]:
        return tuple(a for a in self.assessors if a.is_flagged)


def moderate(
    criteria: Sequence[CriterionWeight],
    marks_by_assessor: Mapping[int, Mapping[int, int]],
    *,
    top: int,
    threshold: int,
    minimum_assessors: int,
) -> Moderation:
    """Each assessor's weighted score, its distance from the median, and each criterion's spread.

    Only assessors who marked every criterion count; the scores are complete once at least
    ``minimum_assessors`` have.
    """
    wanted = {c.criterion_id for c in criteria}
    finished = {
        assessor: marks
        for assessor, marks in sorted(marks_by_assessor.items())
        if wanted <= set(marks)
    }
    weighted = {a: weighted_score(criteria, m, top=top) for a, m in finished.items()}
    middle = Fraction(median(weighted.values())) if weighted else None
    results = tuple(
        AssessorResult(
            assessor_id=a,
            weighted=score,
            distance=abs(score - middle) if middle is not None else Fraction(0),
            is_flagged=middle is not None and abs(score - middle) > threshold,
        )
        for a, score in weighted.items()
    )
    spreads = tuple(
        CriterionSpread(
            c.criterion_id,
            c.name,
            min(m[c.criterion_id] for m in finished.values()),
            max(m[c.criterion_id] for m in finished.values()),
        )
        for c in criteria
        if finished
    )
    return Moderation(
        assessors=results,
        criteria=spreads,
        median=middle,
        is_complete=len(finished) >= minimum_assessors,
    )
