"""Writes for the outcomes framework: outcomes, indicators, measurement imports, links."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.insight.logic.outcomes import measurement_file_read
from coopcouncil.insight.models import (
    ActivityLink,
    EvidenceStrength,
    Indicator,
    Measurement,
    Outcome,
)
from coopcouncil.insight.selectors.subjects import LINK_KINDS, subject_get
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.selectors import district_list


def _text(value: str, field: str, message: str) -> str:
    if not value or not value.strip():
        raise DomainError(f"{field}_required", message, field)
    return value.strip()


def outcome_create(*, actor: Actor, title: str, description: str = "") -> Outcome:
    """Add an outcome to the framework."""
    require(actor, "insight.manage_outcomes")
    title = _text(title, "title", gettext("Give the outcome a title."))
    slug = slugify(title)[:50]
    with transaction.atomic():
        if Outcome.objects.filter(slug=slug).exists():
            raise Conflict(
                "outcome_exists", gettext("That outcome is already in the framework."), "title"
            )
        outcome = Outcome.objects.create(
            title=title,
            slug=slug,
            description=description.strip(),
            order=Outcome.objects.count() + 1,
        )
        audit_record(
            actor=actor,
            action="insight.outcome_created",
            target=outcome,
            summary=f"Outcome {title}",
        )
    return outcome


def indicator_create(
    *,
    actor: Actor,
    outcome: Outcome,
    code: str,
    name: str,
    definition: str,
    unit: str,
    geography: str,
    source: str,
    baseline: Decimal,
    baseline_year: int,
    target: Decimal,
    target_year: int,
    frequency: str,
    is_higher_better: bool = True,
) -> Indicator:
    """Add an indicator: how progress towards ``outcome`` is measured."""
    require(actor, "insight.manage_outcomes")
    code = slugify(_text(code, "code", gettext("Give the indicator a short code.")))
    name = _text(name, "name", gettext("Give the indicator a name."))
    definition = _text(definition, "definition", gettext("Say exactly what is counted."))
    unit = _text(unit, "unit", gettext("Give the unit, e.g. %."))
    source = _text(source, "source", gettext("Say where the figures come from."))
    if geography not in Indicator.Geography.values:
        raise DomainError("geography_invalid", gettext("Choose borough or district."), "geography")
    if frequency not in Indicator.Frequency.values:
        raise DomainError(
            "frequency_invalid", gettext("Choose how often it is measured."), "frequency"
        )
    if target_year < baseline_year:
        raise DomainError(
            "target_year_invalid",
            gettext("The target year cannot come before the baseline."),
            "target_year",
        )
    with transaction.atomic():
        if Indicator.objects.filter(code=code).exists():
            raise Conflict("indicator_exists", gettext("Another indicator has that code."), "code")
        indicator = Indicator.objects.create(
            outcome=outcome,
            code=code,
            name=name,
            definition=definition,
            unit=unit,
            geography=geography,
            source=source,
            baseline=baseline,
            baseline_year=baseline_year,
            target=target,
            target_year=target_year,
            frequency=frequency,
            is_higher_better=is_higher_better,
        )
        audit_record(
            actor=actor,
            action="insight.indicator_created",
            target=indicator,
            summary=f"Indicator {code} for {outcome.title}",
        )
    return indicator


def measurements_import(
    *, actor: Actor, text: str, now: datetime | None = None, check_permission: bool = True
) -> int:
    """Load a measurements file (``logic.outcomes``): every row, or none with every error.

    A row for a period already measured replaces that value, so a corrected file can be
    loaded again. The command line passes ``check_permission=False`` (operator access).
    """
    if check_permission:
        require(actor, "insight.import_measurements")
    indicators = {i.code: i for i in Indicator.objects.all()}
    districts = {d.slug: d for d in district_list(with_wards=False)}
    read = measurement_file_read(
        text, geographies={c: i.geography for c, i in indicators.items()}, districts=set(districts)
    )
    if read.problems:
        raise RowErrors(
            "measurements_invalid",
            gettext("Nothing was loaded: correct these rows and load the file again."),
            [(p.line, p.field, p.message) for p in read.problems],
        )
    now = now or timezone.now()
    with transaction.atomic():
        for row in read.rows:
            Measurement.objects.update_or_create(
                indicator=indicators[row.indicator],
                period=row.period,
                district=districts.get(row.district),
                defaults={
                    "value": row.value,
                    "imported_at": now,
                    "imported_by": acting_user(actor),
                },
            )
        first = indicators[read.rows[0].indicator]
        audit_record(
            actor=actor,
            action="insight.measurements_imported",
            target=first,
            summary=f"{len(read.rows)} measurements loaded",
        )
    return len(read.rows)


def activity_link(
    *,
    actor: Actor,
    outcome: Outcome,
    subject_kind: str,
    subject_id: int,
    strength: str,
    evidence: str = "",
) -> ActivityLink:
    """Say that an activity (a PB project, grant, volunteering opportunity or contract:
    ``LINK_KINDS``) moves an outcome, and how strong the evidence for it is."""
    require(actor, "insight.link_activities")
    subject = subject_get(subject_kind, subject_id, kinds=LINK_KINDS)
    if strength not in EvidenceStrength.values:
        raise DomainError("strength_invalid", gettext("Choose a strength of evidence."), "strength")
    with transaction.atomic():
        link, _ = ActivityLink.objects.update_or_create(
            outcome=outcome,
            subject_kind=subject.kind,
            subject_id=subject.id,
            defaults={"strength": strength, "evidence": evidence.strip()},
        )
        audit_record(
            actor=actor,
            action="insight.activity_linked",
            target=link,
            summary=f"{subject.title} → {outcome.title}",
        )
    return link
