"""Writes for the measures catalogue the council sets: themes → outcomes → measures.

Procurement officers keep the catalogue. A measure's code is fixed once made, because
suppliers' quarterly returns name it; its name, unit, outcome and proxy value may change.
A bid keeps the proxy value of the day it was made (``SocialValueOffer.proxy_value_pence``,
then the contract's ``Commitment``), so changing a proxy only affects bids made after.
A theme's or outcome's slug is fixed once made too, so renaming keeps its links.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor
from coopcouncil.procurement.models import Measure, MeasureOutcome, MeasureTheme


def _name_check(name: str) -> str:
    name = name.strip()
    if not name:
        raise DomainError("name_required", gettext("Give it a name."), "name")
    return name


def _proxy_check(proxy_value_pence: int) -> None:
    if proxy_value_pence < 0:
        raise DomainError(
            "proxy_negative", gettext("A proxy value cannot be negative."), "proxy_value_pence"
        )


def measure_theme_create(*, actor: Actor, name: str) -> MeasureTheme:
    """Add a theme, e.g. "Jobs: promote local skills and employment"."""
    require(actor, "procurement.manage_catalogue")
    name = _name_check(name)
    slug = slugify(name)[:50]
    if not slug or MeasureTheme.objects.filter(slug=slug).exists():
        raise Conflict("theme_exists", gettext("There is already a theme of that name."), "name")
    with transaction.atomic():
        theme = MeasureTheme.objects.create(name=name, slug=slug)
        audit_record(
            actor=actor, action="procurement.theme_added", target=theme, summary=f"Theme {name}"
        )
    return theme


def measure_theme_update(*, actor: Actor, theme: MeasureTheme, name: str) -> MeasureTheme:
    """Rename a theme; its slug, and so its links, stay."""
    require(actor, "procurement.manage_catalogue")
    name = _name_check(name)
    with transaction.atomic():
        before = theme.name
        theme.name = name
        theme.save(update_fields=["name"])
        audit_record(
            actor=actor,
            action="procurement.theme_changed",
            target=theme,
            summary=f"Theme '{before}' renamed '{name}'",
        )
    return theme


def measure_outcome_create(*, actor: Actor, theme: MeasureTheme, name: str) -> MeasureOutcome:
    """Add an outcome under a theme, e.g. "More local people in employment"."""
    require(actor, "procurement.manage_catalogue")
    name = _name_check(name)
    slug = slugify(name)[:50]
    if not slug or MeasureOutcome.objects.filter(slug=slug).exists():
        raise Conflict(
            "outcome_exists", gettext("There is already an outcome of that name."), "name"
        )
    with transaction.atomic():
        outcome = MeasureOutcome.objects.create(theme=theme, name=name, slug=slug)
        audit_record(
            actor=actor,
            action="procurement.outcome_added",
            target=outcome,
            summary=f"Outcome {name} under {theme.name}",
        )
    return outcome


def measure_outcome_update(
    *, actor: Actor, outcome: MeasureOutcome, theme: MeasureTheme, name: str
) -> MeasureOutcome:
    """Rename an outcome or move it to another theme."""
    require(actor, "procurement.manage_catalogue")
    name = _name_check(name)
    with transaction.atomic():
        outcome.name, outcome.theme = name, theme
        outcome.save(update_fields=["name", "theme"])
        audit_record(
            actor=actor,
            action="procurement.outcome_changed",
            target=outcome,
            summary=f"Outcome {name} under {theme.name}",
        )
    return outcome


def measure_create(
    *,
    actor: Actor,
    outcome: MeasureOutcome,
    code: str,
    name: str,
    unit: str,
    proxy_value_pence: int,
) -> Measure:
    """Add a measure under an outcome: its code, unit and proxy value of one unit in pence."""
    require(actor, "procurement.manage_catalogue")
    _proxy_check(proxy_value_pence)
    code = code.strip()
    try:
        validate_slug(code)
    except ValidationError:
        raise DomainError(
            "code_invalid",
            gettext("A measure's code is letters, numbers, hyphens or underscores."),
            "code",
        ) from None
    if Measure.objects.filter(code=code).exists():
        raise Conflict("measure_exists", gettext("That measure code is taken."), "code")
    with transaction.atomic():
        measure = Measure.objects.create(
            outcome=outcome,
            code=code,
            name=_name_check(name),
            unit=unit.strip(),
            proxy_value_pence=proxy_value_pence,
        )
        audit_record(
            actor=actor,
            action="procurement.measure_added",
            target=measure,
            summary=f"Measure {code}: {measure.name} at {proxy_value_pence}p per {unit}",
        )
    return measure


def measure_add(
    *,
    actor: Actor,
    theme: str,
    outcome: str,
    code: str,
    name: str,
    unit: str,
    proxy_value_pence: int,
) -> Measure:
    """Add a measure under its theme and outcome named in words, making either if new."""
    require(actor, "procurement.manage_catalogue")
    _proxy_check(proxy_value_pence)
    with transaction.atomic():
        theme_row, _ = MeasureTheme.objects.get_or_create(
            slug=slugify(theme)[:50], defaults={"name": theme}
        )
        outcome_row, _ = MeasureOutcome.objects.get_or_create(
            slug=slugify(outcome)[:50], defaults={"name": outcome, "theme": theme_row}
        )
        return measure_create(
            actor=actor,
            outcome=outcome_row,
            code=code,
            name=name,
            unit=unit,
            proxy_value_pence=proxy_value_pence,
        )


def measure_update(
    *,
    actor: Actor,
    measure: Measure,
    outcome: MeasureOutcome,
    name: str,
    unit: str,
    proxy_value_pence: int,
) -> Measure:
    """Change a measure's outcome, name, unit or proxy value; bids already made keep theirs."""
    require(actor, "procurement.manage_catalogue")
    _proxy_check(proxy_value_pence)
    with transaction.atomic():
        before = measure.proxy_value_pence
        measure.outcome = outcome
        measure.name = _name_check(name)
        measure.unit = unit.strip()
        measure.proxy_value_pence = proxy_value_pence
        measure.save(update_fields=["outcome", "name", "unit", "proxy_value_pence"])
        audit_record(
            actor=actor,
            action="procurement.measure_changed",
            target=measure,
            summary=f"Measure {measure.code}: {measure.name}, {before}p → "
            f"{proxy_value_pence}p per {measure.unit}",
        )
    return measure
