"""The allocation formula a finance officer sets and the public reads, and the checks on it.

A service budget line is devolved to wards by a blend of three measures — an equal share per
ward, population, and need (any named ward figure, such as ``imd_score`` from the English
Indices of Deprivation) — after an optional ring-fence is held back for a borough priority and
shared by its own need figure. Weights are whole or decimal percentages that must add up to
exactly 100, so the published formula reads like the council report that approved it.

Zero totals are refused rather than silently re-routed: if population or a need figure is zero
in every ward while it carries weight, there is no fair way to share that part, and moving it
into equal shares would publish a formula nobody approved. The officer sets that weight to 0
or picks another figure. A single ward with zero population or zero need simply gets nothing
from that part (but still its equal share).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import lcm

from coopcouncil.core.errors import DomainError

Figure = int | Decimal | Fraction

WEIGHT_FIELDS = ("equal_share_percent", "population_percent", "need_percent")


class FormulaError(DomainError):
    """A formula or the ward figures it reads cannot produce a fair allocation.

    ``field`` names the formula field (or ``amount_pence``, ``wards``, ``population``) to show
    the message against, so the finance officer's form highlights what to fix.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__("formula_invalid", message, field)


@dataclass(frozen=True)
class Formula:
    """How one budget line is devolved: weights in percent, adding up to exactly 100.

    ``ring_fence_percent`` of the whole line is held back first and shared by
    ``ring_fence_indicator``; the weights then share the rest. Example: £10,000 with a 10 %
    ring-fence leaves £9,000 for the blend, so a 40 % equal share is £3,600 in all.
    """

    equal_share_percent: int | Decimal = 0
    population_percent: int | Decimal = 0
    need_percent: int | Decimal = 0
    need_indicator: str | None = None
    ring_fence_percent: int | Decimal = 0
    ring_fence_indicator: str | None = None


@dataclass(frozen=True)
class WardFigures:
    """One ward's inputs to a formula: who it is, where it sits, and its published figures."""

    ward_id: str
    district_id: str
    population: int
    figures: Mapping[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True)
class FormulaShares:
    """A checked formula as exact fractions of the whole line, one per term."""

    equal_share: Fraction
    population: Fraction
    need: Fraction
    ring_fence: Fraction


def _percent(value: object, name: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise FormulaError(name, f"{name} must be a whole number or a decimal, not {value!r}.")
    if isinstance(value, Decimal) and not value.is_finite():
        raise FormulaError(name, f"{name} must be a number, not {value}.")
    if value < 0 or value > 100:
        raise FormulaError(name, f"{name} must be between 0 and 100, not {value}.")
    return Fraction(value)


def formula_shares(formula: Formula) -> FormulaShares:
    """Check a formula on its own and return each term's exact share of the whole line.

    Raises ``FormulaError`` naming the field: a weight that is not a number in 0–100, weights
    not adding up to exactly 100, a ring-fence outside 0–100, or a need or ring-fence weight
    with no figure named to share it by.
    """
    weights = [_percent(getattr(formula, name), name) for name in WEIGHT_FIELDS]
    if sum(weights) != 100:
        shown = [getattr(formula, name) for name in WEIGHT_FIELDS]
        raise FormulaError(
            "weights",
            f"The weights must add up to exactly 100%; they add up to {sum(shown)}% "
            f"({' + '.join(str(weight) for weight in shown)}).",
        )
    ring_fence = _percent(formula.ring_fence_percent, "ring_fence_percent")
    if weights[2] and not formula.need_indicator:
        raise FormulaError("need_indicator", "Name the ward figure that measures need.")
    if ring_fence and not formula.ring_fence_indicator:
        raise FormulaError(
            "ring_fence_indicator", "Name the ward figure that shares out the ring-fence."
        )
    blend = (100 - ring_fence) / Fraction(100 * 100)
    equal_share, population, need = (weight * blend for weight in weights)
    return FormulaShares(equal_share, population, need, ring_fence / 100)


def ward_populations(wards: Sequence[WardFigures]) -> list[int]:
    """Each ward's population, refusing anything but a whole number of people, 0 or more."""
    populations = [ward.population for ward in wards]
    if set(map(type, populations)) == {int} and min(populations) >= 0:
        return populations
    for ward, population in zip(wards, populations, strict=True):
        if type(population) is not int or population < 0:
            raise FormulaError(
                "population",
                f"Ward {ward.ward_id} has population {population!r}; "
                "population must be a whole number, 0 or more.",
            )
    return populations


def _ratio(ward: WardFigures, indicator: str, field_name: str) -> tuple[int, int]:
    try:
        value = ward.figures[indicator]
    except KeyError:
        known = ", ".join(sorted(ward.figures)) or "none"
        raise FormulaError(
            field_name, f"Ward {ward.ward_id} has no figure '{indicator}' (it has: {known})."
        ) from None
    if type(value) is int:
        ratio = (value, 1)
    elif isinstance(value, Decimal | Fraction) and (
        not isinstance(value, Decimal) or value.is_finite()
    ):
        ratio = value.as_integer_ratio()
    else:
        raise FormulaError(
            field_name,
            f"Ward {ward.ward_id} has {indicator} = {value!r}; use a whole number or a decimal.",
        )
    if ratio[0] < 0:
        raise FormulaError(
            field_name, f"Ward {ward.ward_id} has {indicator} = {value}; it cannot be negative."
        )
    return ratio


def _quick_ratios(wards: Sequence[WardFigures], indicator: str) -> list[tuple[int, int]] | None:
    """Read clean figures in one pass; ``None`` sends anything unusual to ``_ratio``'s checks."""
    try:
        values = [ward.figures[indicator] for ward in wards]
        if not set(map(type, values)) <= {int, Decimal, Fraction}:
            return None
        ratios = [value.as_integer_ratio() for value in values]
    except (KeyError, ValueError, OverflowError):
        return None
    return None if min(ratios)[0] < 0 else ratios


def indicator_integers(
    wards: Sequence[WardFigures], indicator: str, field_name: str
) -> tuple[list[int], int]:
    """Read one figure from every ward as integers on a common scale, and that scale.

    Decimal figures such as IMD scores (``Decimal("34.56")``) become exact integers by
    multiplying every ward by the same number, so shares computed from them are exact.
    Returns ``(integers, scale)``: a ward's figure is ``integers[i] / scale``.
    """
    ratios = _quick_ratios(wards, indicator)
    if ratios is None:
        ratios = [_ratio(ward, indicator, field_name) for ward in wards]
    scale = lcm(*(denominator for _, denominator in ratios))
    if scale == 1:
        return [numerator for numerator, _ in ratios], 1
    return [numerator * (scale // denominator) for numerator, denominator in ratios], scale
