"""Anonymous aggregates: 360-degree feedback and pulse survey results.

Feedback is shown only as aggregates and only once at least ``minimum`` people
have responded (5 by council policy), so no single rating can be traced to a
person. Group breakdowns follow the same minimum.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

SCALE = (1, 2, 3, 4, 5)

# What councillors, officers and partners rate the Leader and Cabinet members on.
FEEDBACK_COMPETENCIES = (
    "Vision and direction",
    "Listening to residents and partners",
    "Working across the partnership",
    "Delivering what was promised",
    "Openness and accountability",
)


@dataclass(frozen=True)
class CompetencyScore:
    competency: str
    mean: Fraction
    responses: int

    @property
    def mean_display(self) -> str:
        return f"{float(self.mean):.1f}"

    @property
    def percent(self) -> int:
        """Mean on the 1–5 scale as 0–100, for a bar."""
        return round((self.mean - 1) * 25)


@dataclass(frozen=True)
class FeedbackSummary:
    responses: int
    is_shown: bool
    scores: tuple[CompetencyScore, ...]
    by_group: Mapping[str, tuple[CompetencyScore, ...]]
    note: str


def _scores(
    ratings: Sequence[Mapping[str, int]], competencies: Sequence[str]
) -> tuple[CompetencyScore, ...]:
    scores = []
    for competency in competencies:
        given = [r[competency] for r in ratings if competency in r]
        if given:
            scores.append(CompetencyScore(competency, Fraction(sum(given), len(given)), len(given)))
    return tuple(scores)


def feedback_summary(
    responses: Iterable[tuple[str, Mapping[str, int]]],
    *,
    competencies: Sequence[str],
    minimum: int,
) -> FeedbackSummary:
    """Aggregate (group, ratings) pairs; hide everything below ``minimum`` responses."""
    responses = list(responses)
    if len(responses) < minimum:
        return FeedbackSummary(
            len(responses),
            False,
            (),
            {},
            f"Results are shown once at least {minimum} people have responded"
            f" ({len(responses)} so far).",
        )
    groups: dict[str, list[Mapping[str, int]]] = {}
    for group, ratings in responses:
        groups.setdefault(group, []).append(ratings)
    by_group = {
        group: _scores(rows, competencies) for group, rows in groups.items() if len(rows) >= minimum
    }
    hidden = sorted(group for group, rows in groups.items() if len(rows) < minimum)
    note = f"Groups with fewer than {minimum} responses are not shown separately: " + (
        ", ".join(hidden) if hidden else "none"
    )
    return FeedbackSummary(
        len(responses), True, _scores([r for _, r in responses], competencies), by_group, note
    )


@dataclass(frozen=True)
class QuestionResult:
    """Counts per answer for one pulse question; ``labels`` name the answers shown."""

    text: str
    counts: Mapping[int, int]
    responses: int
    labels: Mapping[int, str] = field(default_factory=dict)

    @property
    def rows(self) -> list[tuple[str, int, int]]:
        """(answer label, count, percentage share) in the order the answers are offered."""
        return [
            (self.labels.get(rating, str(rating)), count, self.share(rating))
            for rating, count in self.counts.items()
        ]

    @property
    def mean(self) -> Fraction | None:
        if not self.responses:
            return None
        return Fraction(sum(k * v for k, v in self.counts.items()), self.responses)

    def share(self, rating: int) -> int:
        """Percentage of responses giving ``rating`` (rounded), for a bar's width."""
        return round(100 * self.counts.get(rating, 0) / self.responses) if self.responses else 0


YES_NO_LABELS = {5: "Yes", 1: "No"}


def pulse_result(
    text: str, ratings: Iterable[int], *, labels: Mapping[int, str] | None = None
) -> QuestionResult:
    """Count ratings 1–5, or only the answers in ``labels`` (yes/no: ``YES_NO_LABELS``)."""
    counts = dict.fromkeys(labels or SCALE, 0)
    total = 0
    for rating in ratings:
        if rating not in counts:
            raise ValueError(f"rating {rating} is not one of {sorted(counts)}")
        counts[rating] += 1
        total += 1
    return QuestionResult(text, counts, total, dict(labels or {}))


def pulse_score(results: Iterable[QuestionResult]) -> int | None:
    """All answers' mean on a 0–100 scale (1 → 0, 5 → 100), or None with no answers."""
    total = 0
    weighted = 0
    for result in results:
        total += result.responses
        weighted += sum((k - 1) * v for k, v in result.counts.items())
    if not total:
        return None
    return round(Fraction(weighted * 25, total))


def on_time_rate(flags: Iterable[bool]) -> int | None:
    """Share (0–100, rounded) of true flags, or None when there is nothing to rate."""
    flags = list(flags)
    if not flags:
        return None
    return round(Fraction(100 * sum(flags), len(flags)))
