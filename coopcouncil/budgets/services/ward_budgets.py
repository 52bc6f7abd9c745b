"""Writes for councillors' ward budgets: opening the year, allocating, and the district's decision.

The budget can never go negative: every allocation and every approval locks the ward budget's
row (``select_for_update``) and re-reads what is approved and pending inside the same
transaction, so two requests at once are checked one after the other.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.budgets import policy
from coopcouncil.budgets.logic.ward_budgets import WardBudget as WardBudgetRules
from coopcouncil.budgets.logic.ward_budgets import WardBudgetAllocation as AllocationRules
from coopcouncil.budgets.logic.ward_budgets import require_ward_budget_allocation
from coopcouncil.budgets.models import WardBudget, WardBudgetAllocation, WardPollOption
from coopcouncil.budgets.selectors.ward_polls import ward_poll_result
from coopcouncil.budgets.services.allocations import check_financial_year
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import require
from coopcouncil.people.models import Organisation, RoleAssignment
from coopcouncil.people.selectors import Actor, acting_user

Status = WardBudgetAllocation.Status


def ward_budgets_open(
    *,
    actor: Actor,
    financial_year: str,
    amount_pence: int | None = None,
    check_permission: bool = True,
) -> int:
    """Give every sitting councillor a ward budget for the year; returns how many were new.

    Councillors who already have one keep it unchanged, so running this again is harmless.
    """
    if check_permission:
        require(actor, "budgets.manage_ward_budgets")
    check_financial_year(financial_year)
    amount = policy.ward_budget_pence() if amount_pence is None else amount_pence
    if type(amount) is not int or amount < 0:
        raise DomainError(
            "amount_invalid",
            "The amount must be a whole number of pence, 0 or more.",
            "amount_pence",
        )
    created = 0
    with transaction.atomic():
        seats = RoleAssignment.objects.current().filter(role="councillor").select_related("ward")
        for seat in seats:
            _, is_new = WardBudget.objects.get_or_create(
                councillor_id=seat.user_id,
                financial_year=financial_year,
                defaults={"ward": seat.ward, "amount_pence": amount},
            )
            created += is_new
        if created:
            audit_record(
                actor=actor,
                action="budgets.ward_budgets_opened",
                target=WardBudget.objects.filter(financial_year=financial_year).earliest("pk"),
                summary=f"{created} ward budgets of {format_pence(amount)} opened for "
                f"{financial_year}",
            )
    return created


def _rules_view(ward_budget: WardBudget, *, leaving_out: int | None = None) -> WardBudgetRules:
    """Approved and pending sums for the logic; ``leaving_out`` skips the allocation decided."""
    allocations = ward_budget.allocations.all()
    if leaving_out is not None:
        allocations = allocations.exclude(pk=leaving_out)
    sums = dict(
        allocations.filter(status__in=[Status.APPROVED, Status.PENDING])
        .values_list("status")
        .annotate(total=Sum("amount_pence"))
    )
    return WardBudgetRules(
        councillor_id=str(ward_budget.councillor_id),
        financial_year=ward_budget.financial_year,
        approved_pence=sums.get(Status.APPROVED, 0),
        pending_pence=sums.get(Status.PENDING, 0),
        amount_pence=ward_budget.amount_pence,
    )


def _recipient(organisation: Organisation | None, project: str) -> None:
    if (organisation is None) == (not project.strip()):
        raise DomainError(
            "recipient_required",
            "Name either a community group or a project (one of the two).",
            "recipient_project",
        )
    if organisation is not None and not organisation.is_community_group:
        raise DomainError(
            "recipient_not_community_group",
            f"{organisation} is not a community group; name the project instead.",
            "recipient_organisation",
        )


def _is_override(ward_budget: WardBudget, option: WardPollOption | None) -> bool:
    """Whether the option funded is not what residents voted for most (False with no poll).

    The poll must be one of this ward budget's and must have closed: a count still moving
    cannot say what residents chose.
    """
    if option is None:
        return False
    poll = option.poll
    if poll.ward_budget_id != ward_budget.pk:
        raise DomainError(
            "ward_poll_other_budget",
            gettext("That poll is not on this ward budget."),
            "ward_poll_option",
        )
    if timezone.now() < poll.closes_at:
        raise DomainError(
            "ward_poll_still_open",
            gettext("The ward poll is still open; allocate once it has closed."),
            "ward_poll_option",
        )
    result = ward_poll_result(poll)
    if not result.votes:
        raise DomainError(
            "ward_poll_no_votes",
            gettext("Nobody voted in that ward poll, so it cannot show what residents chose."),
            "ward_poll_option",
        )
    return not result.is_residents_choice(option.pk)


def ward_budget_allocate(
    *,
    actor: Actor,
    ward_budget: WardBudget,
    amount_pence: int,
    purpose: str,
    recipient_organisation: Organisation | None = None,
    recipient_project: str = "",
    councillor_reason: str = "",
    ward_poll_option: WardPollOption | None = None,
    override_justification: str = "",
    partner_name: str = "",
    partner_co_funding_pence: int = 0,
) -> WardBudgetAllocation:
    """A councillor proposes money from their ward budget; it waits for the district team.

    What residents chose is never typed in: the allocation cites the option it funds on a
    closed ward poll of this budget, and whether it departs from the residents' choice is
    read from that poll's count (then the written justification is required and published).
    ``councillor_reason`` is only the councillor's own reason.
    """
    require(actor, "budgets.allocate_ward_budget", ward_budget)
    is_override = _is_override(ward_budget, ward_poll_option)
    _recipient(recipient_organisation, recipient_project)
    if not purpose.strip():
        raise DomainError("purpose_required", "Say what the money is for.", "purpose")
    if partner_co_funding_pence and not partner_name.strip():
        raise DomainError(
            "partner_required", "Name the partner putting in co-funding.", "partner_name"
        )
    proposal = AllocationRules(
        amount_pence=amount_pence,
        is_override_of_residents_choice=is_override,
        override_justification=override_justification,
        partner_co_funding_pence=partner_co_funding_pence,
    )
    with transaction.atomic():
        locked = WardBudget.objects.select_for_update().get(pk=ward_budget.pk)
        require_ward_budget_allocation(budget=_rules_view(locked), allocation=proposal)
        allocation = WardBudgetAllocation.objects.create(
            ward_budget=locked,
            ward=locked.ward,
            recipient_organisation=recipient_organisation,
            recipient_project=recipient_project.strip(),
            amount_pence=amount_pence,
            purpose=purpose.strip(),
            councillor_reason=councillor_reason.strip(),
            ward_poll_option=ward_poll_option,
            is_override_of_residents_choice=is_override,
            override_justification=override_justification.strip(),
            partner_name=partner_name.strip(),
            partner_co_funding_pence=partner_co_funding_pence,
        )
        audit_record(
            actor=actor,
            action="budgets.ward_allocation_proposed",
            target=allocation,
            summary=f"{format_pence(amount_pence)} to {allocation.recipient_name} from {locked}",
        )
    return allocation


def ward_allocation_decide(
    *, actor: Actor, allocation: WardBudgetAllocation, is_approved: bool, reason: str = ""
) -> WardBudgetAllocation:
    """The district team approves or refuses a pending allocation; a refusal needs a reason.

    Repeating the same decision returns the allocation unchanged; a different decision on
    one already decided is a conflict.
    """
    require(actor, "budgets.approve_ward_allocation", allocation.ward)
    wanted = Status.APPROVED if is_approved else Status.REFUSED
    if not is_approved and not reason.strip():
        raise DomainError("reason_required", "Give the reason for refusing.", "reason")
    with transaction.atomic():
        ward_budget = WardBudget.objects.select_for_update().get(pk=allocation.ward_budget_id)
        allocation = WardBudgetAllocation.objects.select_for_update().get(pk=allocation.pk)
        if allocation.status == wanted:
            return allocation
        if allocation.status != Status.PENDING:
            raise Conflict(
                "already_decided",
                f"This allocation was already {allocation.get_status_display().lower()}.",
            )
        if is_approved:
            require_ward_budget_allocation(
                budget=_rules_view(ward_budget, leaving_out=allocation.pk),
                allocation=AllocationRules(amount_pence=allocation.amount_pence),
            )
        allocation.status = wanted
        allocation.decision_reason = reason.strip()
        allocation.decided_by = acting_user(actor)
        allocation.decided_at = timezone.now()
        allocation.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action=f"budgets.ward_allocation_{wanted}",
            target=allocation,
            summary=f"{format_pence(allocation.amount_pence)} to {allocation.recipient_name}: "
            f"{wanted}",
            details={"reason": allocation.decision_reason},
        )
    return allocation
