"""Devolve a service budget line to wards and districts by a published formula, exact to the penny.

Each ward's exact share of the line is the sum of four terms (see ``formula.Formula``)::

    amount × [ (100 − r)% × ( e% / wards + p% × population / total population
                               + n% × need / total need )
               + r% × ring-fence figure / total ring-fence figure ]

The exact shares add up to the line, but are fractions of a penny. They are rounded to whole
pence by the largest-remainder (Hamilton) method: every ward gets the whole pence of its exact
share, and the pence left over go one each to the wards with the largest remainders, ties
going to the lower ``ward_id``. So the ward totals add up to the line exactly, no ward is ever
negative or more than 1p away from its exact share, and a district's total is the sum of its
wards', so the district and ward views always agree.

Example: £100.00 split equally by 3 wards is 3333⅓p each; the whole pence give 9,999p, and the
1p left over goes to the first ward by id: 3,334p, 3,333p, 3,333p.

Monotonicity: a ward with at least as much of every figure as another has an exact share at
least as large; after rounding it never gets less, except that two wards with *equal* exact
shares may differ by the 1p the tie order hands out. Like every largest-remainder method it can
show the Alabama paradox: raising the line by a penny can move a penny between wards.

Arithmetic is integer throughout (one common denominator for all terms), which is exact like
``fractions.Fraction`` and fast enough for 10,000 wards. Reference: M. Balinski and H. P. Young,
*Fair Representation* (2nd ed., 2001), ch. 2 and appendix A (Hamilton's method).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from math import lcm
from operator import attrgetter

from coopcouncil.budgets.logic.formula import (
    Formula,
    FormulaError,
    FormulaShares,
    WardFigures,
    formula_shares,
    indicator_integers,
    ward_populations,
)

__all__ = [
    "TERMS",
    "Allocation",
    "DistrictAllocation",
    "Formula",
    "FormulaError",
    "WardAllocation",
    "WardFigures",
    "allocate_budget_line",
]

#: The formula's terms, in the order every explanation shows them.
TERMS = ("equal_share", "population", "need", "ring_fence")


class _TermPence:
    """Shared reading of exact term amounts, kept as integer numerators over one denominator."""

    allocation_pence: int
    term_numerators: tuple[int, int, int, int]
    denominator: int

    @property
    def exact_pence(self) -> Fraction:
        """The exact share before rounding to whole pence."""
        return Fraction(sum(self.term_numerators), self.denominator)

    def exact_term_pence(self, term: str) -> Fraction:
        """One term's exact amount in pence (``term`` is one of ``TERMS``)."""
        return Fraction(self.term_numerators[TERMS.index(term)], self.denominator)

    def term_pence(self, term: str) -> int:
        """One term to the nearest penny (halves up), for display only."""
        numerator = self.term_numerators[TERMS.index(term)]
        return (2 * numerator + self.denominator) // (2 * self.denominator)

    @property
    def rounding_pence(self) -> int:
        """What rounding added or took away, so the shown terms add up to the allocation."""
        return self.allocation_pence - sum(self.term_pence(term) for term in TERMS)


@dataclass(frozen=True)
class WardAllocation(_TermPence):
    """A ward's whole-pence allocation and the exact terms it came from.

    Term ``t`` is exactly ``term_numerators[t] / denominator`` pence; ``allocation_pence`` is
    their sum rounded by largest remainder, not the sum of the rounded terms.
    """

    ward_id: str
    district_id: str
    allocation_pence: int
    term_numerators: tuple[int, int, int, int]
    denominator: int


@dataclass(frozen=True)
class DistrictAllocation(_TermPence):
    """A district's allocation: always the sum of its wards' whole-pence allocations."""

    district_id: str
    allocation_pence: int
    ward_ids: tuple[str, ...]
    term_numerators: tuple[int, int, int, int]
    denominator: int


@dataclass(frozen=True)
class Allocation:
    """A budget line devolved by one formula: wards sorted by id, districts sorted by id.

    Keeps the inputs and totals so that ``explanation.explain_ward`` can say why each ward got
    what it got.
    """

    amount_pence: int
    formula: Formula
    shares: FormulaShares
    wards: tuple[WardAllocation, ...]
    districts: tuple[DistrictAllocation, ...]
    ward_figures: tuple[WardFigures, ...]
    population_total: int
    need_total: Fraction
    ring_fence_total: Fraction

    @cached_property
    def _ward_index(self) -> dict[str, int]:
        return {ward.ward_id: i for i, ward in enumerate(self.wards)}

    @cached_property
    def _district_index(self) -> dict[str, int]:
        return {district.district_id: i for i, district in enumerate(self.districts)}

    def ward(self, ward_id: str) -> WardAllocation:
        """One ward's allocation; ``KeyError`` if the ward was not in the allocation."""
        return self.wards[self._ward_index[ward_id]]

    def ward_figures_for(self, ward_id: str) -> WardFigures:
        """The figures the ward was allocated on."""
        return self.ward_figures[self._ward_index[ward_id]]

    def district(self, district_id: str) -> DistrictAllocation:
        """One district's allocation; ``KeyError`` if no ward was in that district."""
        return self.districts[self._district_index[district_id]]


@dataclass(frozen=True)
class _Columns:
    """Each ward's figure for each term, as integers, with totals in the figures' own units."""

    values: tuple[list[int] | None, ...]
    integer_totals: tuple[int, ...]
    totals: tuple[Fraction, ...]


def _read_columns(wards: list[WardFigures], formula: Formula, shares: FormulaShares) -> _Columns:
    populations = ward_populations(wards)
    need: list[int] = []
    need_scale = 1
    # A validated formula names an indicator for every term that has a share.
    if shares.need and formula.need_indicator:
        need, need_scale = indicator_integers(wards, formula.need_indicator, "need_indicator")
    ring_fence: list[int] = []
    ring_fence_scale = 1
    if shares.ring_fence and formula.ring_fence_indicator:
        ring_fence, ring_fence_scale = indicator_integers(
            wards, formula.ring_fence_indicator, "ring_fence_indicator"
        )
    integer_totals = (len(wards), sum(populations), sum(need), sum(ring_fence))
    checks = (
        (shares.population, 1, "population_percent", "population"),
        (shares.need, 2, "need_indicator", formula.need_indicator),
        (shares.ring_fence, 3, "ring_fence_indicator", formula.ring_fence_indicator),
    )
    for share, position, field_name, figure in checks:
        if share and not integer_totals[position]:
            raise FormulaError(
                field_name,
                f"Every ward's {figure} is zero, so it cannot share out its part of the line; "
                "set its weight to 0 or use another figure.",
            )
    scales = (1, 1, need_scale, ring_fence_scale)
    return _Columns(
        values=(None, populations, need or None, ring_fence or None),
        integer_totals=integer_totals,
        totals=tuple(Fraction(t, s) for t, s in zip(integer_totals, scales, strict=True)),
    )


def _check_amount_and_wards(amount_pence: object, wards: list[WardFigures]) -> None:
    if type(amount_pence) is not int or amount_pence < 0:
        raise FormulaError("amount_pence", "The amount must be a whole number of pence, 0 or more.")
    if not wards:
        raise FormulaError("wards", "There are no wards to allocate to.")
    for before, after in zip(wards, wards[1:], strict=False):
        if before.ward_id == after.ward_id:
            raise FormulaError("wards", f"Ward {after.ward_id} appears more than once.")


def _largest_remainder(numerators: list[int], denominator: int, amount_pence: int) -> list[int]:
    """Round exact shares (numerator / denominator) to whole pence adding up to the amount.

    Numerators are in ward-id order; ``sorted`` is stable even with ``reverse=True``, so equal
    remainders keep ward-id order and the lower id gets the penny.
    """
    whole_and_remainder = [divmod(numerator, denominator) for numerator in numerators]
    pence = [whole for whole, _ in whole_and_remainder]
    remainders = [remainder for _, remainder in whole_and_remainder]
    left_over = amount_pence - sum(pence)
    for i in sorted(range(len(pence)), key=remainders.__getitem__, reverse=True)[:left_over]:
        pence[i] += 1
    return pence


def allocate_budget_line(
    *, amount_pence: int, formula: Formula, wards: Iterable[WardFigures]
) -> Allocation:
    """Devolve ``amount_pence`` to the given wards by ``formula``, exact to the penny.

    The order of ``wards`` does not matter. Raises ``FormulaError`` (with the field to fix)
    when the formula is invalid or the figures cannot carry it; see ``formula`` for the rules.
    """
    ordered = sorted(wards, key=attrgetter("ward_id"))
    _check_amount_and_wards(amount_pence, ordered)
    shares = formula_shares(formula)
    columns = _read_columns(ordered, formula, shares)
    term_shares = (shares.equal_share, shares.population, shares.need, shares.ring_fence)
    coefficients = [
        amount_pence * share / total if share else Fraction(0)
        for share, total in zip(term_shares, columns.integer_totals, strict=True)
    ]
    denominator = lcm(*(c.denominator for c in coefficients))
    k = [c.numerator * (denominator // c.denominator) for c in coefficients]
    zeros = [0] * len(ordered)
    populations, need, ring_fence = (column or zeros for column in columns.values[1:])
    terms = [
        (k[0], k[1] * p, k[2] * n, k[3] * r)
        for p, n, r in zip(populations, need, ring_fence, strict=True)
    ]
    pence = _largest_remainder([sum(t) for t in terms], denominator, amount_pence)
    ward_allocations = tuple(
        WardAllocation(ward.ward_id, ward.district_id, p, t, denominator)
        for ward, p, t in zip(ordered, pence, terms, strict=True)
    )
    return Allocation(
        amount_pence=amount_pence,
        formula=formula,
        shares=shares,
        wards=ward_allocations,
        districts=_districts(ward_allocations, denominator),
        ward_figures=tuple(ordered),
        population_total=columns.integer_totals[1],
        need_total=columns.totals[2],
        ring_fence_total=columns.totals[3],
    )


def _districts(
    wards: tuple[WardAllocation, ...], denominator: int
) -> tuple[DistrictAllocation, ...]:
    sums: dict[str, list[int]] = {}
    ward_ids: dict[str, list[str]] = {}
    for ward in wards:
        district_id = ward.district_id
        if district_id not in sums:
            sums[district_id] = [0, 0, 0, 0, 0]
            ward_ids[district_id] = []
        running = sums[district_id]
        equal_share, population, need, ring_fence = ward.term_numerators
        running[0] += ward.allocation_pence
        running[1] += equal_share
        running[2] += population
        running[3] += need
        running[4] += ring_fence
        ward_ids[district_id].append(ward.ward_id)
    return tuple(
        DistrictAllocation(
            district_id=district_id,
            allocation_pence=sums[district_id][0],
            ward_ids=tuple(ward_ids[district_id]),
            term_numerators=(
                sums[district_id][1],
                sums[district_id][2],
                sums[district_id][3],
                sums[district_id][4],
            ),
            denominator=denominator,
        )
        for district_id in sorted(sums)
    )
