"""Writes for commissioning: exercises and their panels, tenders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people.models import User
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District
from coopcouncil.procurement import policy
from coopcouncil.procurement.logic.terms import tender_terms_problems
from coopcouncil.procurement.models import (
    CommissioningExercise,
    MeasureTheme,
    PanelMember,
    QualityCriterion,
    Tender,
    TenderLot,
)
from coopcouncil.procurement.services.problems import problems_raise


def exercise_create(
    *,
    actor: Actor,
    title: str,
    need: str,
    outcomes_wanted: str,
    budget_pence: int,
    themes: Sequence[MeasureTheme] = (),
    district: District | None = None,
    service_user_weight: int = 0,
) -> CommissioningExercise:
    """Record a commissioning exercise: the need, the outcomes wanted, the budget."""
    require(actor, "procurement.commission")
    if not 0 <= service_user_weight <= 100:
        raise DomainError(
            "weight_out_of_range",
            gettext("The service users' weight is between 0 and 100 %."),
            "service_user_weight",
        )
    if budget_pence <= 0:
        raise DomainError("budget_required", gettext("Give the budget."), "budget")
    slug = _unique_slug(title)
    with transaction.atomic():
        exercise = CommissioningExercise.objects.create(
            title=title.strip(),
            slug=slug,
            need=need,
            outcomes_wanted=outcomes_wanted,
            budget_pence=budget_pence,
            district=district,
            service_user_weight=service_user_weight,
            created_by=acting_user(actor),
        )
        exercise.themes.set(themes)
        audit_record(
            actor=actor,
            action="procurement.exercise_created",
            target=exercise,
            summary=f"Commissioning exercise '{exercise.title}'",
        )
    return exercise


def _unique_slug(title: str) -> str:
    base = slugify(title)[:40] or "exercise"
    slug, n = base, 1
    while CommissioningExercise.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def panel_member_add(
    *,
    actor: Actor,
    exercise: CommissioningExercise,
    user: User,
    kind: str,
    has_scoring_rights: bool = True,
) -> PanelMember:
    """Seat an officer or a service user on the exercise's panel."""
    require(actor, "procurement.commission", exercise)
    if kind not in PanelMember.Kind.values:
        raise DomainError("panel_kind_unknown", gettext("Choose officer or service user."), "kind")
    try:
        with transaction.atomic():
            seat = PanelMember.objects.create(
                exercise=exercise, user=user, kind=kind, has_scoring_rights=has_scoring_rights
            )
            audit_record(
                actor=actor,
                action="procurement.panel_member_added",
                target=exercise,
                summary=f"{user} joins the panel of '{exercise.title}' ({kind})",
            )
    except IntegrityError:
        raise Conflict(
            "already_on_panel", gettext("This person is already on the panel."), "user"
        ) from None
    return seat


def tender_publish(
    *,
    actor: Actor,
    exercise: CommissioningExercise,
    title: str,
    deadline: datetime,
    price_weight: int,
    quality_weight: int,
    social_value_weight: int,
    lots: Sequence[tuple[str, int]],
    criteria: Sequence[tuple[str, int]],
    description: str = "",
    now: datetime | None = None,
) -> Tender:
    """Publish a tender: lots (title, value in pence), weights and quality criteria."""
    require(actor, "procurement.publish_tender", exercise)
    problems_raise(
        problems=tender_terms_problems(
            price_weight=price_weight,
            quality_weight=quality_weight,
            social_value_weight=social_value_weight,
            minimum_social_value_weight=policy.minimum_social_value_weight(),
            criteria_weights=[weight for _, weight in criteria],
            lot_count=len(lots),
            deadline=deadline,
            now=now or timezone.now(),
        )
    )
    with transaction.atomic():
        tender = Tender.objects.create(
            exercise=exercise,
            title=title.strip(),
            description=description,
            deadline=deadline,
            price_weight=price_weight,
            quality_weight=quality_weight,
            social_value_weight=social_value_weight,
        )
        TenderLot.objects.bulk_create(
            TenderLot(tender=tender, number=number, title=lot_title, value_pence=value)
            for number, (lot_title, value) in enumerate(lots, start=1)
        )
        QualityCriterion.objects.bulk_create(
            QualityCriterion(tender=tender, name=name, weight=weight) for name, weight in criteria
        )
        audit_record(
            actor=actor,
            action="procurement.tender_published",
            target=tender,
            summary=f"Tender '{tender.title}' ({len(lots)} lots), closes {deadline.isoformat()}",
            details={
                "weights": [price_weight, quality_weight, social_value_weight],
                "criteria": [list(c) for c in criteria],
            },
        )
    return tender
