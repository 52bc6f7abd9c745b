"""Writes for principles (versioned), tags, and the social productivity test of services."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from coopcouncil.budgets.models import LadderPlacement
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.insight.logic.productivity import QUESTIONS, RATINGS
from coopcouncil.insight.models import Principle, PrinciplesVersion, PrincipleTag, ServiceAssessment
from coopcouncil.insight.selectors.subjects import TAG_KINDS, subject_get
from coopcouncil.people.selectors import Actor, acting_user


def principles_adopt(
    *,
    actor: Actor,
    name: str,
    adopted_on: date,
    principles: list[tuple[str, str]],
    source: str = "",
) -> PrinciplesVersion:
    """Adopt a new version of the principles, (title, description) in order. The earlier
    version is kept, with its tags, so what was tagged under it can still be read."""
    require(actor, "insight.manage_principles")
    if not name.strip():
        raise DomainError("name_required", gettext("Name this version of the principles."), "name")
    if not principles or any(not title.strip() for title, _ in principles):
        raise DomainError(
            "principles_required", gettext("Give every principle a title."), "principles"
        )
    with transaction.atomic():
        PrinciplesVersion.objects.filter(is_current=True).update(is_current=False)
        version = PrinciplesVersion.objects.create(
            name=name.strip(), adopted_on=adopted_on, source=source.strip(), is_current=True
        )
        Principle.objects.bulk_create(
            Principle(
                version=version,
                number=number,
                slug=slugify(title)[:50],
                title=title.strip(),
                description=description.strip(),
            )
            for number, (title, description) in enumerate(principles, start=1)
        )
        audit_record(
            actor=actor,
            action="insight.principles_adopted",
            target=version,
            summary=f"{version.name}: {len(principles)} principles",
        )
    return version


def principle_tag(
    *, actor: Actor, principle: Principle, subject_kind: str, subject_id: int
) -> PrincipleTag:
    """Say that a decision, PB project, grant, contract or asset puts a principle into
    practice (``TAG_KINDS``)."""
    require(actor, "insight.tag")
    subject = subject_get(subject_kind, subject_id, kinds=TAG_KINDS)
    with transaction.atomic():
        tag, _ = PrincipleTag.objects.get_or_create(
            principle=principle,
            subject_kind=subject.kind,
            subject_id=subject.id,
            defaults={"tagged_by": acting_user(actor)},
        )
        audit_record(
            actor=actor,
            action="insight.tagged",
            target=tag,
            summary=f"{subject.title}: {principle.title}",
        )
    return tag


def service_assess(
    *,
    actor: Actor,
    service: LadderPlacement,
    assessed_on: date,
    answers: dict[str, tuple[int, str]],
) -> ServiceAssessment:
    """Record a service's social productivity test: each question's rating (1–5) and evidence."""
    require(actor, "insight.assess_services")
    fields: dict[str, int | str] = {}
    for key in QUESTIONS:
        rating, evidence = answers.get(key, (0, ""))
        if rating not in RATINGS:
            raise DomainError(
                "rating_invalid", gettext("Rate each answer from 1 to 5."), f"{key}_rating"
            )
        if not evidence.strip():
            raise DomainError(
                "evidence_required",
                gettext("Give the evidence for each rating."),
                f"{key}_evidence",
            )
        fields[f"{key}_rating"], fields[f"{key}_evidence"] = rating, evidence.strip()
    with transaction.atomic():
        assessment = ServiceAssessment.objects.create(
            service=service, assessed_on=assessed_on, assessed_by=acting_user(actor), **fields
        )
        audit_record(
            actor=actor,
            action="insight.service_assessed",
            target=assessment,
            summary=f"Social productivity test of {service.service}",
        )
    return assessment
