"""Steps of opening and editing a process that write its headings.

A heading is a ward's or a theme's share of the process's budget; `process_create` and
`process_update` check the plans against the process's terms before these steps save them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.errors import DomainError
from coopcouncil.participation.models import Heading, PBProcess


@dataclass(frozen=True)
class HeadingPlan:
    """A heading to create with a process: a ward's or a theme's share of the budget."""

    name: str
    budget_pence: int
    ward: Any = None


def heading_plans(*, process: PBProcess) -> tuple[HeadingPlan, ...]:
    """The process's headings as they stand, as plans to compare an edit with."""
    return tuple(
        HeadingPlan(name=h.name, budget_pence=h.budget_pence, ward=h.ward)
        for h in process.headings.select_related("ward").order_by("name")
    )


def heading_plans_differ(
    *, plans: tuple[HeadingPlan, ...], others: tuple[HeadingPlan, ...]
) -> bool:
    """Whether two sets of plans name different headings, amounts or wards, in any order."""
    return _plan_key(plans) != _plan_key(others)


def _plan_key(plans: tuple[HeadingPlan, ...]) -> list[tuple[str, int, int | None]]:
    return sorted(
        (p.name.strip(), p.budget_pence, p.ward.pk if p.ward is not None else None) for p in plans
    )


def headings_save(*, process: PBProcess, plans: tuple[HeadingPlan, ...]) -> None:
    """Create the headings of a new process."""
    for plan in plans:
        Heading.objects.create(
            process=process,
            name=plan.name.strip(),
            kind=Heading.Kind.WARD if plan.ward is not None else Heading.Kind.THEME,
            ward=plan.ward,
            budget_pence=plan.budget_pence,
        )


def headings_replace(*, process: PBProcess, plans: tuple[HeadingPlan, ...]) -> None:
    """Make the process's headings the planned ones, matched by name.

    A heading that has proposals is not removed: the edit is refused instead, so no proposal
    loses the share of the budget it was made for.
    """
    existing = {h.name: h for h in process.headings.all()}
    wanted = {plan.name.strip(): plan for plan in plans}
    for name, heading in existing.items():
        if name in wanted:
            continue
        if heading.projects.exists():
            raise DomainError(
                "pb_heading_in_use",
                gettext("The heading '%(name)s' has proposals; it cannot be removed.")
                % {"name": name},
                "headings",
            )
        heading.delete()
    for name, plan in wanted.items():
        Heading.objects.update_or_create(
            process=process,
            name=name,
            defaults={
                "kind": Heading.Kind.WARD if plan.ward is not None else Heading.Kind.THEME,
                "ward": plan.ward,
                "budget_pence": plan.budget_pence,
            },
        )
