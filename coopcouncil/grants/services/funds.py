"""Funds, the money paid into them, and rounds with their scoring scheme."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from coopcouncil.budgets.models import ServiceBudgetLine
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import require
from coopcouncil.grants.logic.scoring import scheme_problems
from coopcouncil.grants.models import Criterion, Fund, FundIncome, Round
from coopcouncil.grants.services.messages import problem_message
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District


def fund_create(
    *,
    actor: Actor,
    name: str,
    district: District | None = None,
    description: str = "",
    is_community_fund: bool = False,
    slug: str = "",
    budget_line: ServiceBudgetLine | None = None,
) -> Fund:
    """A new fund: borough-wide (no district) or one district's."""
    require(actor, "grants.manage_funds", None)
    if not name.strip():
        raise DomainError("name_required", gettext("Name the fund."), "name")
    if is_community_fund and district is not None:
        raise DomainError(
            "community_fund_borough_wide",
            gettext("The community fund is borough-wide; it has no district."),
            "district",
        )
    slug = slug or slugify(name)[:50]
    try:
        with transaction.atomic():
            fund = Fund.objects.create(
                name=name.strip(),
                slug=slug,
                district=district,
                description=description,
                is_community_fund=is_community_fund,
                budget_line=budget_line,
            )
            audit_record(actor=actor, action="grants.fund_created", target=fund, summary=fund.name)
    except IntegrityError:
        raise Conflict(
            "fund_exists", gettext("A fund with that name, or a community fund, already exists.")
        ) from None
    return fund


def fund_income_record(
    *,
    actor: Actor,
    fund: Fund,
    amount_pence: int,
    source: str,
    reference: str,
    now: datetime | None = None,
) -> FundIncome:
    """Record money paid into a fund (the energy finder's fee, a clawback, a top-up).

    Append-only and idempotent on ``(fund, source, reference)``: a second call with the
    same reference returns the first row, whatever amount it names, and writes nothing.
    """
    require(actor, "grants.record_income", fund)
    if type(amount_pence) is not int or amount_pence <= 0:
        raise DomainError(
            "amount_invalid", gettext("Income must be more than £0.00."), "amount_pence"
        )
    source, reference = source.strip(), reference.strip()
    if not source or not reference:
        raise DomainError(
            "reference_required",
            gettext("Say where the money came from and its reference."),
            "reference",
        )
    existing = FundIncome.objects.filter(fund=fund, source=source, reference=reference).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            income = FundIncome.objects.create(
                fund=fund,
                amount_pence=amount_pence,
                source=source[:60],
                reference=reference[:120],
                received_at=now or timezone.now(),
                recorded_by=acting_user(actor),
            )
            audit_record(
                actor=actor,
                action="grants.income_recorded",
                target=income,
                summary=f"{fund}: {format_pence(amount_pence)} from {source} ({reference})",
            )
    except IntegrityError:
        # Another request recorded the same reference a moment ago: that row stands.
        return FundIncome.objects.get(fund=fund, source=source, reference=reference)
    return income


def round_create(
    *,
    actor: Actor,
    fund: Fund,
    title: str,
    amount_pence: int,
    opens_at: datetime,
    closes_at: datetime,
    max_award_pence: int,
    criteria: Sequence[tuple[str, int]],
    eligible_kinds: Sequence[str] = (),
    match_funding_percent: int = 0,
    outcome_themes: Sequence[str] = (),
    cooperative_values: Sequence[str] = (),
    description: str = "",
    slug: str = "",
) -> Round:
    """Open a round with its published scoring scheme (criteria's weights sum to 100)."""
    require(actor, "grants.manage_funds", fund)
    _round_check(title, amount_pence, opens_at, closes_at, max_award_pence, match_funding_percent)
    problems = scheme_problems([weight for _name, weight in criteria])
    if problems:
        raise DomainError("scheme_invalid", problem_message(problem=problems[0]), "criteria")
    unknown = sorted(set(eligible_kinds) - set(Organisation.Kind.values))
    if unknown:
        raise DomainError(
            "kind_unknown",
            gettext("Unknown organisation kind: %(kinds)s.") % {"kinds": ", ".join(unknown)},
            "eligible_kinds",
        )
    try:
        with transaction.atomic():
            new_round = Round.objects.create(
                fund=fund,
                title=title.strip(),
                slug=slug or slugify(title)[:50],
                description=description,
                amount_pence=amount_pence,
                opens_at=opens_at,
                closes_at=closes_at,
                max_award_pence=max_award_pence,
                match_funding_percent=match_funding_percent,
                eligible_kinds=list(eligible_kinds),
                district=fund.district,
                outcome_themes=list(outcome_themes),
                cooperative_values=list(cooperative_values),
            )
            Criterion.objects.bulk_create(
                Criterion(round=new_round, name=name, weight_percent=weight, position=position)
                for position, (name, weight) in enumerate(criteria)
            )
            audit_record(
                actor=actor,
                action="grants.round_created",
                target=new_round,
                summary=f"{new_round}: {format_pence(amount_pence)}",
            )
    except IntegrityError:
        raise Conflict("round_exists", gettext("A round with that title already exists.")) from None
    return new_round


def _round_check(title, amount_pence, opens_at, closes_at, max_award_pence, match_percent) -> None:
    if not title.strip():
        raise DomainError("title_required", gettext("Give the round a title."), "title")
    if type(amount_pence) is not int or amount_pence <= 0:
        raise DomainError(
            "amount_invalid", gettext("A round must offer more than £0.00."), "amount_pence"
        )
    if closes_at <= opens_at:
        raise DomainError(
            "dates_invalid", gettext("A round must close after it opens."), "closes_at"
        )
    if not 0 < max_award_pence <= amount_pence:
        raise DomainError(
            "max_award_invalid",
            gettext("The largest award must be above £0.00 and no more than the round."),
            "max_award_pence",
        )
    if not 0 <= match_percent <= 100:
        raise DomainError(
            "match_invalid",
            gettext("Match funding is a percentage from 0 to 100."),
            "match_funding_percent",
        )


@transaction.atomic
def round_assessor_add(*, actor: Actor, round_: Round, assessor: User) -> Round:
    """Put a person on the round's assessment panel."""
    require(actor, "grants.manage_funds", round_)
    round_.assessors.add(assessor)
    audit_record(
        actor=actor,
        action="grants.assessor_added",
        target=round_,
        summary=f"{assessor} assesses {round_}",
    )
    return round_
