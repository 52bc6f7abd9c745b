"""The negotiated-autonomy scorecard: is a district partnership ready for more devolved power?

A district earns more say over money and services by meeting benchmarks agreed with the
council: people trained through the Local Leaders Programme turn up, residents take part,
budgets are kept to, papers and minutes are published on time, the community pulls together
and risks are managed. The figures come from what the platform already holds, so nobody
fills in a form, and nobody can type over them: the assessor comments beside each.

The test is a *presumption to devolve*: the recommendation is "devolve" unless a benchmark
fails **and** the assessor has written down why that failure matters. A failure nobody can
explain does not block devolution, and a benchmark without data neither passes nor fails —
the burden is on the centre to justify holding power back (subsidiarity: decisions are taken
as close to residents as they can be).

Thresholds below are a starting point for that negotiation, not policy: each council and
district agree their own and pass them in as ``AutonomyThresholds``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from coopcouncil.core.errors import DomainError

__all__ = [
    "BENCHMARK_KEYS",
    "THRESHOLD_FIELDS",
    "AutonomyFigures",
    "AutonomyThresholds",
    "BenchmarkRow",
    "Direction",
    "Outcome",
    "Recommendation",
    "Scorecard",
    "ScorecardError",
    "autonomy_scorecard",
    "devolved_district_amounts",
    "shared_in_proportion",
]


class Direction(StrEnum):
    AT_LEAST = "≥"
    AT_MOST = "≤"


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NO_DATA = "no data"


class Recommendation(StrEnum):
    DEVOLVE = "devolve"
    NOT_YET = "not yet"


class ScorecardError(DomainError):
    """The assessment names a benchmark that does not exist."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__("scorecard_invalid", message, field)


@dataclass(frozen=True)
class AutonomyFigures:
    """What the platform holds about one district for the last twelve months; ``None`` = no data.

    Papers published on time may be given as a count (``papers_published_on_time`` out of
    ``papers_due``) or, as the democracy app publishes it, as a percentage
    (``papers_published_on_time_rate``, 0–100); the rate is used when both are given.
    """

    district_id: str
    population: int | None = None
    leaders_programme_places: int | None = None
    leaders_programme_attendances: int | None = None
    questions_asked: int | None = None
    call_in_signatures: int | None = None
    pb_votes: int | None = None
    meeting_attendance: int | None = None
    budget_pence: int | None = None
    outturn_pence: int | None = None
    papers_due: int | None = None
    papers_published_on_time: int | None = None
    papers_published_on_time_rate: Decimal | None = None
    minutes_published_on_time_rate: Decimal | None = None
    pulse_survey_score: Decimal | None = None
    is_risk_assessment_passed: bool | None = None

    def __post_init__(self) -> None:
        for name in ("papers_published_on_time_rate", "minutes_published_on_time_rate"):
            rate = getattr(self, name)
            if rate is not None and not 0 <= rate <= 100:
                raise ScorecardError(
                    name, f"A published-on-time rate is a percentage from 0 to 100, not {rate}."
                )


@dataclass(frozen=True)
class AutonomyThresholds:
    """The agreed bar for each benchmark (percentages as numbers, e.g. 75 for 75 %)."""

    leaders_programme_attendance_percent: Decimal = Decimal(75)
    participation_per_thousand: Decimal = Decimal(50)
    budget_variance_percent: Decimal = Decimal(5)
    published_on_time_percent: Decimal = Decimal(90)
    minutes_on_time_percent: Decimal = Decimal(90)
    pulse_survey_score: Decimal = Decimal(60)


# The benchmarks in report order, and the threshold each is negotiated on. The risk
# assessment is pass or fail, so it has no bar to negotiate.
BENCHMARK_KEYS = (
    "local_leaders",
    "citizen_participation",
    "financial_aptitude",
    "transparency",
    "minutes_on_time",
    "community_cohesion",
    "risk_mitigation",
)
THRESHOLD_FIELDS = {
    "local_leaders": "leaders_programme_attendance_percent",
    "citizen_participation": "participation_per_thousand",
    "financial_aptitude": "budget_variance_percent",
    "transparency": "published_on_time_percent",
    "minutes_on_time": "minutes_on_time_percent",
    "community_cohesion": "pulse_survey_score",
}


@dataclass(frozen=True)
class BenchmarkRow:
    """One benchmark: the figure, the bar, where the figure came from and the outcome."""

    key: str
    name: str
    figure: Fraction | None
    threshold: Fraction
    direction: Direction
    source: str
    outcome: Outcome
    reason_failure_matters: str = ""
    commentary: str = ""

    @property
    def figure_text(self) -> str:
        if self.figure is None:
            return "no data"
        if self.key == "risk_mitigation":
            return "pass" if self.figure else "fail"
        return str(
            (Decimal(self.figure.numerator) / self.figure.denominator).quantize(Decimal("0.1"))
        )

    @property
    def is_blocking(self) -> bool:
        """A failure blocks devolution only when the assessor has said why it matters."""
        return self.outcome is Outcome.FAIL and bool(self.reason_failure_matters.strip())


@dataclass(frozen=True)
class Scorecard:
    """The rows, the recommendation and the sentence that explains it."""

    district_id: str
    rows: tuple[BenchmarkRow, ...]
    recommendation: Recommendation
    reason: str
    failures_without_reason: tuple[str, ...] = field(default=())


def _ratio(part: int | None, whole: int | None, scale: int) -> Fraction | None:
    if part is None or not whole:
        return None
    return Fraction(part * scale, whole)


def _participation(figures: AutonomyFigures) -> Fraction | None:
    """Actions per 1,000 residents; counts the platform does not hold are left out."""
    counts = [
        figures.questions_asked,
        figures.call_in_signatures,
        figures.pb_votes,
        figures.meeting_attendance,
    ]
    held = [count for count in counts if count is not None]
    return _ratio(sum(held), figures.population, 1000) if held else None


def _variance(figures: AutonomyFigures) -> Fraction | None:
    if figures.outturn_pence is None or not figures.budget_pence:
        return None
    return Fraction(100 * abs(figures.budget_pence - figures.outturn_pence), figures.budget_pence)


def _rate(rate: Decimal | None) -> Fraction | None:
    return None if rate is None else Fraction(rate)


def _published_on_time(figures: AutonomyFigures) -> Fraction | None:
    if figures.papers_published_on_time_rate is not None:
        return Fraction(figures.papers_published_on_time_rate)
    return _ratio(figures.papers_published_on_time, figures.papers_due, 100)


def _benchmarks(figures: AutonomyFigures, bar: AutonomyThresholds) -> list[tuple]:
    """(key, name, figure, threshold, direction, source) for each benchmark, in report order."""
    risk = figures.is_risk_assessment_passed
    pulse = figures.pulse_survey_score
    return [
        ("local_leaders", "Local Leaders Programme attendance (%)",
         _ratio(figures.leaders_programme_attendances, figures.leaders_programme_places, 100),
         bar.leaders_programme_attendance_percent, Direction.AT_LEAST,
         "Local Leaders Programme register: sessions attended ÷ places booked"),
        ("citizen_participation", "Citizen participation per 1,000 residents",
         _participation(figures), bar.participation_per_thousand, Direction.AT_LEAST,
         "Questions asked, call-in signatures, PB votes and meeting attendance ÷ population"),
        ("financial_aptitude", "Budget variance (%)", _variance(figures),
         bar.budget_variance_percent, Direction.AT_MOST,
         "Budget monitoring: |budget − outturn| ÷ budget over the last financial year"),
        ("transparency", "Papers published on time (%)",
         _published_on_time(figures),
         bar.published_on_time_percent, Direction.AT_LEAST,
         "Publication log: agendas five clear days ahead (Local Government Act 1972 s.100B)"),
        ("minutes_on_time", "Minutes published on time (%)",
         _rate(figures.minutes_published_on_time_rate),
         bar.minutes_on_time_percent, Direction.AT_LEAST,
         "Publication log: minutes published within the council's set days of the meeting"),
        ("community_cohesion", "Community pulse survey score",
         None if pulse is None else Fraction(pulse), bar.pulse_survey_score,
         Direction.AT_LEAST, "Community pulse survey, latest wave"),
        ("risk_mitigation", "Risk mitigation (officer assessment)",
         None if risk is None else Fraction(int(risk)), Decimal(1), Direction.AT_LEAST,
         "Officer risk assessment: pass or fail"),
    ]  # fmt: skip


def _outcome(figure: Fraction | None, threshold: Fraction, direction: Direction) -> Outcome:
    if figure is None:
        return Outcome.NO_DATA
    is_met = figure >= threshold if direction is Direction.AT_LEAST else figure <= threshold
    return Outcome.PASS if is_met else Outcome.FAIL


def autonomy_scorecard(
    *,
    figures: AutonomyFigures,
    thresholds: AutonomyThresholds | None = None,
    reasons_failure_matters: Mapping[str, str] | None = None,
    commentary: Mapping[str, str] | None = None,
) -> Scorecard:
    """Score a district against the benchmarks and recommend, presuming it should devolve.

    ``reasons_failure_matters`` maps a benchmark key (``BENCHMARK_KEYS``) to the
    assessor's written reason; only a failed benchmark with a reason holds devolution
    back. ``commentary`` maps a key to the assessor's note shown beside the figure: the
    assessor comments on a computed figure, and never replaces it. Raises
    ``ScorecardError`` for an unknown key.
    """
    reasons = dict(reasons_failure_matters or {})
    notes = dict(commentary or {})
    rows = []
    for key, name, figure, threshold, direction, source in _benchmarks(
        figures, thresholds or AutonomyThresholds()
    ):
        threshold = Fraction(threshold)
        outcome = _outcome(figure, threshold, direction)
        reason, note = reasons.pop(key, ""), notes.pop(key, "")
        rows.append(
            BenchmarkRow(key, name, figure, threshold, direction, source, outcome, reason, note)
        )
    for field_name, left in (("reasons_failure_matters", reasons), ("commentary", notes)):
        if left:
            unknown = ", ".join(sorted(left))
            raise ScorecardError(field_name, f"No benchmark is called {unknown}.")
    return _recommend(figures.district_id, tuple(rows))


def _recommend(district_id: str, rows: tuple[BenchmarkRow, ...]) -> Scorecard:
    blocking = [row for row in rows if row.is_blocking]
    unexplained = tuple(
        row.key for row in rows if row.outcome is Outcome.FAIL and not row.is_blocking
    )
    if blocking:
        because = "; ".join(f"{row.name}: {row.reason_failure_matters.strip()}" for row in blocking)
        return Scorecard(
            district_id, rows, Recommendation.NOT_YET, f"Not yet: {because}.", unexplained
        )
    if unexplained:
        reason = (
            f"Devolve: {len(unexplained)} benchmark(s) failed, but no reason was recorded why "
            "the failure matters, so the presumption to devolve stands."
        )
    else:
        reason = "Devolve: no benchmark failed."
    return Scorecard(district_id, rows, Recommendation.DEVOLVE, reason, unexplained)


def devolved_district_amounts(
    *, previous: Mapping[str, int], district: str, amount_pence: int, line_pence: int
) -> dict[str, int]:
    """The district amounts of a line once ``amount_pence`` of it is devolved to ``district``.

    The district holds what Cabinet granted; the rest of the line stays with the other
    districts in proportion to what they held before (``shared_in_proportion``), so the
    version still adds up to the line. With nothing held before, the rest is shared
    equally; with no other district, the district holds the whole line.

    Example: a £100 line held 50/30/20 by a, b and c; £60 devolved to a leaves £40 for
    b and c in 30:20, so a 60, b 24, c 16.
    """
    if not 0 <= amount_pence <= line_pence:
        raise DomainError(
            "amount_exceeds_line",
            "The amount devolved must be between £0.00 and the budget line's amount.",
            "granted_amount_pence",
        )
    others = {slug: pence for slug, pence in previous.items() if slug != district}
    if not others:
        return {district: line_pence}
    return {district: amount_pence, **shared_in_proportion(line_pence - amount_pence, others)}


def shared_in_proportion(amount_pence: int, weights: Mapping[str, int]) -> dict[str, int]:
    """Share ``amount_pence`` in proportion to ``weights``, exactly, by largest remainder.

    Ties go to the earlier key; all-zero weights share equally. Example: 40 over
    {"b": 30, "c": 20} is b 24, c 16; 1 over {"b": 1, "c": 1} is b 1, c 0.
    """
    keys = sorted(weights)
    if not keys:
        return {}
    shares_of = [weights[key] for key in keys]
    if not sum(shares_of):
        shares_of = [1] * len(keys)
    total = sum(shares_of)
    exact = [Fraction(amount_pence * weight, total) for weight in shares_of]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(keys)), key=lambda i: (-(exact[i] - shares[i]), i))
    for index in by_remainder[: amount_pence - sum(shares)]:
        shares[index] += 1
    return dict(zip(keys, shares, strict=True))
