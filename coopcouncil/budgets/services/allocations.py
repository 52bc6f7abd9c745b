"""Writes for budget lines, formulas and allocations.

A finance officer sets up a line, writes formulas for it, compares them and adopts one. Adopting
publishes a new numbered version with the formula and ward figures copied in; versions are
never edited, so the public can always see what was adopted and when.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, TypeGuard

from django.db import transaction
from django.utils import timezone

from coopcouncil.budgets.logic.allocation import Allocation as AllocationResult
from coopcouncil.budgets.logic.explanation import Explanation, explain_district, explain_ward
from coopcouncil.budgets.logic.formula import FormulaError, formula_shares
from coopcouncil.budgets.models import (
    Allocation,
    AllocationFormula,
    AllocationRow,
    ServiceBudgetLine,
)
from coopcouncil.budgets.selectors.allocations import (
    allocation_compute,
    formula_from_values,
    ward_figures_for_formulas,
)
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District, Ward

_YEAR = re.compile(r"(\d{4})/(\d{2})")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def check_financial_year(text: str) -> None:
    match = _YEAR.fullmatch(text)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise DomainError(
            "financial_year_invalid",
            f"'{text}' is not a financial year; write it like 2026/27.",
            "financial_year",
        )


def budget_line_create(
    *,
    actor: Actor,
    name: str,
    slug: str,
    financial_year: str,
    amount_pence: int,
    description: str = "",
    is_devolved_to_wards: bool = False,
) -> ServiceBudgetLine:
    """Create a service budget line; the same request again returns the line already made.

    ``is_devolved_to_wards`` says each ward holds its share of the adopted allocation, so the
    ward amounts are published as ward budgets and monitored ward by ward. It may change later
    (``budget_line_devolve_to_wards``), so a repeated request is matched without it.
    """
    require(actor, "budgets.manage_formulas")
    if not name.strip():
        raise DomainError("name_required", "Give the budget line a name.", "name")
    if not _SLUG.fullmatch(slug):
        raise DomainError(
            "slug_invalid",
            "Use lower-case letters, digits and hyphens, e.g. youth-2026-27.",
            "slug",
        )
    check_financial_year(financial_year)
    if type(amount_pence) is not int or amount_pence < 0:
        raise DomainError(
            "amount_invalid",
            "The amount must be a whole number of pence, 0 or more.",
            "amount_pence",
        )
    values = {
        "name": name.strip(),
        "financial_year": financial_year,
        "amount_pence": amount_pence,
        "description": description,
    }
    with transaction.atomic():
        existing = ServiceBudgetLine.objects.select_for_update().filter(slug=slug).first()
        if existing is not None:
            if all(getattr(existing, key) == value for key, value in values.items()):
                return existing
            raise Conflict("slug_taken", f"There is already a budget line '{slug}'.", "slug")
        line = ServiceBudgetLine.objects.create(
            slug=slug, is_devolved_to_wards=bool(is_devolved_to_wards), **values
        )
        audit_record(
            actor=actor,
            action="budgets.line_created",
            target=line,
            summary=f"Budget line {line} of {format_pence(amount_pence)} created",
        )
    return line


def budget_line_devolve_to_wards(
    *, actor: Actor, line: ServiceBudgetLine, is_devolved_to_wards: bool = True
) -> ServiceBudgetLine:
    """Say whether a line's ward shares are held by the wards (True) or by their districts.

    Changes no allocation: the adopted version already holds every ward's amount. Setting
    what is already set changes nothing and records nothing.
    """
    require(actor, "budgets.manage_formulas")
    with transaction.atomic():
        line = ServiceBudgetLine.objects.select_for_update().get(pk=line.pk)
        if line.is_devolved_to_wards == is_devolved_to_wards:
            return line
        line.is_devolved_to_wards = is_devolved_to_wards
        line.save(update_fields=["is_devolved_to_wards"])
        held_by = "wards" if is_devolved_to_wards else "districts"
        audit_record(
            actor=actor,
            action="budgets.line_devolution_changed",
            target=line,
            summary=f"{line}: ward shares now held by the {held_by}",
        )
    return line


FORMULA_FIELDS = (
    "equal_share_percent",
    "population_percent",
    "need_percent",
    "need_indicator",
    "ring_fence_percent",
    "ring_fence_indicator",
)


def formula_check(*, line: ServiceBudgetLine, values: dict) -> AllocationResult:
    """Check a formula against the rules and today's ward figures; return the trial allocation.

    Raises ``FormulaError`` naming the field to fix.
    """
    formula = formula_from_values(values)
    formula_shares(formula)
    return allocation_compute(line, formula)


def formula_create(
    *,
    actor: Actor,
    line: ServiceBudgetLine,
    name: str,
    ring_fence_purpose: str = "",
    **weights: Any,
) -> AllocationFormula:
    """Save a formula for a line after checking it; ``weights`` are the ``FORMULA_FIELDS``."""
    require(actor, "budgets.manage_formulas")
    unknown = set(weights) - set(FORMULA_FIELDS)
    if unknown:
        raise DomainError("formula_invalid", f"Unknown formula field(s): {', '.join(unknown)}.")
    if not name.strip():
        raise DomainError("name_required", "Give the formula a name.", "name")
    formula_check(line=line, values=weights)
    checked = formula_from_values(weights)
    for field in ("equal_share_percent", "population_percent", "need_percent",
                  "ring_fence_percent"):  # fmt: skip
        exponent = Decimal(getattr(checked, field)).as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            raise FormulaError(field, f"{field} may have at most two decimal places.")
    fields = {
        "equal_share_percent": Decimal(checked.equal_share_percent),
        "population_percent": Decimal(checked.population_percent),
        "need_percent": Decimal(checked.need_percent),
        "need_indicator": checked.need_indicator or "",
        "ring_fence_percent": Decimal(checked.ring_fence_percent),
        "ring_fence_indicator": checked.ring_fence_indicator or "",
        "ring_fence_purpose": ring_fence_purpose,
    }
    with transaction.atomic():
        existing = line.formulas.select_for_update().filter(name=name.strip()).first()
        if existing is not None:
            if all(getattr(existing, key) == value for key, value in fields.items()):
                return existing
            raise Conflict(
                "formula_name_taken", f"{line} already has a formula called '{name}'.", "name"
            )
        formula = AllocationFormula.objects.create(
            line=line, name=name.strip(), created_by=acting_user(actor), **fields
        )
        audit_record(
            actor=actor,
            action="budgets.formula_created",
            target=formula,
            summary=f"Formula '{formula.name}' for {line}",
            details=formula.as_dict(),
        )
    return formula


def _explanation_json(explanation: Explanation) -> dict:
    return {
        "allocation_pence": explanation.allocation_pence,
        "lines": [
            {"term": line.term, "label": line.label, "reason": line.reason, "pence": line.pence}
            for line in explanation.lines
        ],
        "note": explanation.note,
    }


def _save_rows(allocation: Allocation, result: AllocationResult) -> None:
    districts = {d.slug: d for d in District.objects.all()}
    wards = {w.code: w for w in Ward.objects.all()}
    rows = [
        AllocationRow(
            allocation=allocation,
            district=districts[d.district_id],
            amount_pence=d.allocation_pence,
            explanation=_explanation_json(explain_district(result, d.district_id)),
        )
        for d in result.districts
    ]
    rows += [
        AllocationRow(
            allocation=allocation,
            district=districts[w.district_id],
            ward=wards[w.ward_id],
            amount_pence=w.allocation_pence,
            explanation=_explanation_json(explain_ward(result, w.ward_id)),
        )
        for w in result.wards
    ]
    AllocationRow.objects.bulk_create(rows)


def _figures_json() -> dict:
    return {
        ward.ward_id: {
            "district": ward.district_id,
            "population": ward.population,
            **{name: str(value) for name, value in ward.figures.items()},
        }
        for ward in ward_figures_for_formulas()
    }


def _record(
    *, actor: Actor, formula: AllocationFormula, kind: str, note: str, version: int | None
) -> Allocation:
    line = formula.line
    result = formula_check(line=line, values=formula.as_dict())
    allocation = Allocation.objects.create(
        line=line,
        formula=formula,
        kind=kind,
        version=version,
        formula_name=formula.name,
        formula_snapshot=formula.as_dict(),
        amount_pence=line.amount_pence,
        ward_figures=_figures_json(),
        note=note,
        created_by=acting_user(actor),
        published_at=timezone.now() if kind == Allocation.Kind.ADOPTED else None,
    )
    _save_rows(allocation, result)
    return allocation


def _same_as(allocation: Allocation | None, formula: AllocationFormula) -> TypeGuard[Allocation]:
    return (
        allocation is not None
        and allocation.formula_snapshot == formula.as_dict()
        and allocation.amount_pence == formula.line.amount_pence
        and allocation.ward_figures == _figures_json()
    )


def allocation_adopt(*, actor: Actor, formula: AllocationFormula, note: str = "") -> Allocation:
    """Adopt a formula: publish the next version of its line's allocation.

    Adopting the formula that is already in force, on the same figures, returns that version
    rather than publishing a copy, so a repeated request is harmless.
    """
    require(actor, "budgets.adopt_allocation")
    with transaction.atomic():
        # Lock the line so two adoptions cannot take the same version number.
        line = ServiceBudgetLine.objects.select_for_update().get(pk=formula.line_id)
        current = line.allocations.filter(kind=Allocation.Kind.ADOPTED).order_by("-version").first()
        if _same_as(current, formula):
            return current
        version = (current.version or 0 if current else 0) + 1
        allocation = _record(
            actor=actor, formula=formula, kind=Allocation.Kind.ADOPTED, note=note, version=version
        )
        audit_record(
            actor=actor,
            action="budgets.allocation_adopted",
            target=allocation,
            summary=f"{line} allocation version {version} adopted: formula '{formula.name}'",
            details=formula.as_dict(),
        )
    return allocation


def allocation_save_scenario(*, actor: Actor, formula: AllocationFormula) -> Allocation:
    """Keep a formula's allocation as a scenario (not adopted), e.g. for a Cabinet report."""
    require(actor, "budgets.manage_formulas")
    with transaction.atomic():
        saved = formula.allocations.filter(kind=Allocation.Kind.SCENARIO).order_by("-pk").first()
        if _same_as(saved, formula):
            return saved
        allocation = _record(
            actor=actor, formula=formula, kind=Allocation.Kind.SCENARIO, note="", version=None
        )
        audit_record(
            actor=actor,
            action="budgets.scenario_saved",
            target=allocation,
            summary=f"Scenario '{formula.name}' for {formula.line} saved",
        )
    return allocation
