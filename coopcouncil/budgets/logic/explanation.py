"""Say in plain words why a ward or district got its allocation, term by term.

The council publishes the formula and, for every ward and district, what each term of it gave:
the equal share, the population part, the need part and the ring-fence part, in pence and in
pounds, with the figures used. Residents can then check the sums with a calculator, which is
the point of a formula the public can read (Co-operative Councils' Innovation Network,
*Co-operative Councils Handbook*: open budgets).

Terms are shown to the nearest penny. The allocation itself is the exact sum of the terms
rounded once, by largest remainder, so a "rounding" line shows the difference (usually 0 or
±1p per ward) and every table adds up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from coopcouncil.budgets.logic.allocation import (
    TERMS,
    Allocation,
    DistrictAllocation,
    WardAllocation,
)
from coopcouncil.core.money import format_pence

__all__ = ["Explanation", "ExplanationLine", "explain_district", "explain_ward"]

LABELS = {
    "equal_share": "Equal share",
    "population": "Population",
    "need": "Need",
    "ring_fence": "Ring-fence",
    "rounding": "Rounding to whole pence",
}

WARD_NOTE = (
    "Each part is shown to the nearest penny. The ward's allocation is the exact sum of the "
    "parts, rounded once to whole pence by the largest-remainder method so that all wards add "
    "up to the budget line exactly; the rounding line shows the difference."
)
DISTRICT_NOTE = (
    "A district's allocation is the sum of its wards' allocations, so the district and ward "
    "views always agree. Each part is the sum of the wards' exact parts, shown to the nearest "
    "penny; the rounding line shows the difference."
)


@dataclass(frozen=True)
class ExplanationLine:
    """One term of the formula for one area: what it gave and the figures behind it."""

    term: str
    label: str
    reason: str
    pence: int
    exact_pence: Fraction

    @property
    def pounds(self) -> str:
        return format_pence(self.pence)


@dataclass(frozen=True)
class Explanation:
    """Why an area (``"ward"`` or ``"district"``) got ``allocation_pence``; lines add up to it."""

    area: str
    area_id: str
    allocation_pence: int
    lines: tuple[ExplanationLine, ...]
    note: str

    @property
    def allocation_pounds(self) -> str:
        return format_pence(self.allocation_pence)


def _figure_text(value: Fraction) -> str:
    """A figure as people write it: 1,234.5 not 2469/2; at most three decimal places."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format(exact.quantize(Decimal("0.001")).normalize(), ",f")


def _share_text(part: Fraction, whole: Fraction) -> str:
    if not whole:
        return "0%"
    ratio = 100 * part / whole
    percent = Decimal(ratio.numerator) / Decimal(ratio.denominator)
    return f"{percent.quantize(Decimal('0.1'))}%"


def _pounds(exact_pence: Fraction) -> str:
    return format_pence(round(exact_pence))


def _reasons(allocation: Allocation, ward_ids: tuple[str, ...]) -> dict[str, str]:
    """The sentence for each term, for one ward or for a district's wards together."""
    formula = allocation.formula
    amount = allocation.amount_pence
    blend = _pounds(amount * (1 - allocation.shares.ring_fence))
    blend_words = (
        f"the {blend} left after the ring-fence"
        if formula.ring_fence_percent
        else (f"the {blend} line")
    )
    figures = [allocation.ward_figures_for(ward_id) for ward_id in ward_ids]
    population = sum(ward.population for ward in figures)
    count = len(allocation.wards)
    whose = "this ward" if len(ward_ids) == 1 else f"{len(ward_ids)} of them here"
    reasons = {
        "equal_share": f"{formula.equal_share_percent}% of {blend_words}, "
        f"shared equally by {count} wards ({whose})",
        "population": f"{formula.population_percent}% of {blend} by population: "
        f"{population:,} of {allocation.population_total:,} residents "
        f"({_share_text(Fraction(population), Fraction(allocation.population_total))})",
        "need": f"{formula.need_percent}% of {blend} by need",
        "ring_fence": f"{formula.ring_fence_percent}% of the whole line held back for a borough "
        f"priority ({_pounds(amount * allocation.shares.ring_fence)})",
    }
    parts = (
        ("need", formula.need_indicator, allocation.need_total),
        ("ring_fence", formula.ring_fence_indicator, allocation.ring_fence_total),
    )
    for term, indicator, total in parts:
        if indicator and total:
            figure = sum((Fraction(ward.figures[indicator]) for ward in figures), Fraction(0))
            reasons[term] += (
                f": {indicator} {_figure_text(figure)} of {_figure_text(total)} "
                f"({_share_text(figure, total)})"
            )
    return reasons


def _explanation(
    allocation: Allocation,
    area: str,
    area_id: str,
    ward_ids: tuple[str, ...],
    result: WardAllocation | DistrictAllocation,
) -> Explanation:
    reasons = _reasons(allocation, ward_ids)
    lines = [
        ExplanationLine(
            term=term,
            label=LABELS[term],
            reason=reasons[term],
            pence=result.term_pence(term),
            exact_pence=result.exact_term_pence(term),
        )
        for term in TERMS
    ]
    lines.append(
        ExplanationLine(
            term="rounding",
            label=LABELS["rounding"],
            reason="Largest remainder, so the wards add up to the budget line to the penny",
            pence=result.rounding_pence,
            exact_pence=result.allocation_pence - result.exact_pence,
        )
    )
    note = WARD_NOTE if area == "ward" else DISTRICT_NOTE
    return Explanation(area, area_id, result.allocation_pence, tuple(lines), note)


def explain_ward(allocation: Allocation, ward_id: str) -> Explanation:
    """Why one ward got its allocation; ``KeyError`` for a ward not in the allocation.

    Example: £10,000 with a 10 % ring-fence by ``poverty`` and 40/30/30 equal/population/
    ``imd_score`` over three wards gives ward W1 (1,000 of 6,000 people, IMD 10 of 60,
    poverty 1.5 of 5) £1,200 + £450 + £450 + £300 = £2,400.
    """
    return _explanation(allocation, "ward", ward_id, (ward_id,), allocation.ward(ward_id))


def explain_district(allocation: Allocation, district_id: str) -> Explanation:
    """Why one district got its allocation: its wards' terms added up."""
    district = allocation.district(district_id)
    return _explanation(allocation, "district", district_id, district.ward_ids, district)
