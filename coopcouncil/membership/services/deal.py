"""Writes for the membership deal: joining, pledges, benefits and their one-time codes."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotFound
from coopcouncil.core.permissions import check, require
from coopcouncil.membership import selectors
from coopcouncil.membership.logic.deal import (
    BENEFIT_KINDS,
    CODE_ALPHABET,
    CODE_LENGTH,
    PLEDGE_KINDS,
    SELF_REPORTED,
)
from coopcouncil.membership.models import (
    Benefit,
    BenefitClaim,
    HouseholdRegistration,
    Membership,
    PledgeTaken,
)
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import verified_residency
from coopcouncil.places.models import Ward


def membership_join(*, user: User) -> Membership:
    """Join the co-operative membership (verified residents)."""
    require(user, "membership.join")
    residency = verified_residency(user)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user,
            defaults={"ward": residency.ward if residency else None, "joined_at": timezone.now()},
        )
        if not created:
            raise Conflict("membership_exists", gettext("You are a member already."))
        audit_record(
            actor=user, action="membership.join", target=membership, summary="Joined the membership"
        )
    return membership


def _membership(user: User) -> Membership:
    require(user, "membership.take_part")
    membership = selectors.membership_of(user)
    if membership is None:  # the rule above says they are a member; a race with erasure
        raise NotFound("membership_none", gettext("Join the co-operative membership first."))
    return membership


def pledge_take(*, user: User, kind: str) -> PledgeTaken:
    membership = _membership(user)
    if kind not in PLEDGE_KINDS:
        raise DomainError("membership_pledge_unknown", gettext("There is no such pledge."), "kind")
    with transaction.atomic():
        pledge, created = PledgeTaken.objects.get_or_create(
            membership=membership, kind=kind, defaults={"taken_at": timezone.now()}
        )
        if not created:
            raise Conflict("membership_pledge_taken", gettext("You took this pledge already."))
        audit_record(
            actor=user, action="membership.pledge", target=pledge, summary=f"Pledged: {kind}"
        )
    return pledge


def pledge_keep(*, user: User, kind: str) -> PledgeTaken:
    """Say a pledge is kept. Pledges another app knows about are ticked from its record."""
    membership = _membership(user)
    pledge = membership.pledges.filter(kind=kind).first()
    if pledge is None:
        raise NotFound("membership_pledge_not_taken", gettext("Take this pledge first."), "kind")
    if PLEDGE_KINDS[kind].kept_by != SELF_REPORTED:
        raise DomainError(
            "membership_pledge_from_record",
            gettext("This pledge is ticked when you take part; it cannot be typed in."),
            "kind",
        )
    if pledge.kept_at is not None:
        raise Conflict("membership_pledge_kept", gettext("You have said so already."))
    with transaction.atomic():
        pledge.kept_at = timezone.now()
        pledge.save(update_fields=["kept_at"])
        audit_record(actor=user, action="membership.pledge_kept", target=pledge, summary=kind)
    return pledge


def benefit_create(
    *,
    actor: Any,
    partner: Organisation,
    title: str,
    kind: str,
    description: str,
    valid_from: date,
    valid_until: date,
    wards: list[Ward],
    min_age: int | None = None,
    max_age: int | None = None,
    min_membership_days: int = 0,
) -> Benefit:
    """Offer a benefit negotiated with ``partner`` to members who meet its rule."""
    require(actor, "membership.manage")
    if kind not in BENEFIT_KINDS:
        raise DomainError("membership_benefit_kind", gettext("Choose a kind of benefit."), "kind")
    if valid_until < valid_from:
        raise DomainError(
            "membership_benefit_dates",
            gettext("The offer must end on or after the day it starts."),
            "valid_until",
        )
    if min_age is not None and max_age is not None and max_age < min_age:
        raise DomainError(
            "membership_benefit_ages",
            gettext("The maximum age must be at least the minimum age."),
            "max_age",
        )
    with transaction.atomic():
        benefit = Benefit.objects.create(
            partner=partner,
            title=title,
            kind=kind,
            description=description,
            valid_from=valid_from,
            valid_until=valid_until,
            min_age=min_age,
            max_age=max_age,
            min_membership_days=min_membership_days,
        )
        benefit.wards.set(wards)
        audit_record(actor=actor, action="membership.benefit", target=benefit, summary=title)
    return benefit


def benefit_claim(*, user: User, benefit: Benefit) -> BenefitClaim:
    """Claim a benefit: the member gets a one-time code to show the partner."""
    membership = _membership(user)
    problem = selectors.benefit_problem(benefit, membership, today=timezone.localdate())
    if problem:
        raise DomainError("membership_benefit_not_eligible", problem, "benefit")
    if membership.claims.filter(benefit=benefit).exists():
        raise Conflict("membership_benefit_claimed", gettext("You have claimed this already."))
    for _attempt in range(5):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        try:
            with transaction.atomic():
                claim = BenefitClaim.objects.create(
                    benefit=benefit,
                    membership=membership,
                    ward=membership.ward,
                    code=code,
                    claimed_at=timezone.now(),
                )
                audit_record(
                    actor=user, action="membership.claim", target=claim, summary=benefit.title
                )
            return claim
        except IntegrityError:
            # Another claim took the same code (1 in 10^15), or this member claimed twice at
            # once; asking again tells the two apart.
            if membership.claims.filter(benefit=benefit).exists():
                raise Conflict(
                    "membership_benefit_claimed", gettext("You have claimed this already.")
                ) from None
    raise Conflict("membership_code_clash", gettext("Please try again."))


def _partner_claim(actor: Any, code: str) -> BenefitClaim:
    """The claim a partner may see; a code of another partner's benefit is not shown."""
    claim = selectors.claim_by_code(code)
    if not check(actor, "membership.redeem", claim.benefit):
        raise NotFound("membership_code_unknown", gettext("This code is not recognised."), "code")
    return claim


def code_check(*, actor: Any, code: str) -> BenefitClaim:
    """What the partner needs to know of a code: its benefit, and whether it is still unused.

    A read, but it is audited as the partner's look-up, so it lives with the writes.
    """
    require(actor, "membership.redeem_codes")
    claim = _partner_claim(actor, code)
    audit_record(actor=actor, action="membership.code_check", target=claim, summary="Checked")
    return claim


def code_redeem(*, actor: Any, code: str) -> BenefitClaim:
    """Use a code once, while its benefit is valid."""
    require(actor, "membership.redeem_codes")
    with transaction.atomic():
        claim = _partner_claim(actor, code)
        claim = BenefitClaim.objects.select_for_update().select_related("benefit").get(pk=claim.pk)
        if claim.redeemed_at is not None:
            raise Conflict(
                "membership_code_used",
                gettext("This code was used on %(date)s.")
                % {"date": f"{timezone.localtime(claim.redeemed_at):%d %B %Y}"},
                "code",
            )
        today = timezone.localdate()
        if not claim.benefit.valid_from <= today <= claim.benefit.valid_until:
            raise DomainError(
                "membership_benefit_expired", gettext("This offer is not running today."), "code"
            )
        claim.redeemed_at = timezone.now()
        claim.save(update_fields=["redeemed_at"])
        audit_record(actor=actor, action="membership.redeem", target=claim, summary="Redeemed")
    return claim


def membership_erase(*, user: User) -> None:
    """Erase what this app holds about ``user``: membership, pledges and unused codes go;
    used codes and energy registrations stay without the person, so figures still add up."""
    with transaction.atomic():
        membership = Membership.objects.filter(user=user).first()
        if membership is not None:
            membership.claims.filter(redeemed_at__isnull=True).delete()
            membership.delete()
        HouseholdRegistration.objects.filter(user=user).update(user=None)
