"""Writes for time credits: partners post offers, residents spend credits, partners redeem.

The balance never goes below zero and a credit is spent once: a spend takes the credits
with one conditional update (``balance = balance - cost WHERE balance >= cost``) on the
person's account row, and writes its ledger entry in the same transaction; two spends at
once are applied one after the other, so the second sees what the first left. A code is
redeemed once: the redemption is one row per ledger entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.coproduction.logic.time_credits import (
    redemption_code_clean,
    redemption_code_new,
    spend_problem,
)
from coopcouncil.coproduction.models import (
    CreditAccount,
    CreditEntry,
    CreditOffer,
    CreditRedemption,
)
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotFound
from coopcouncil.core.permissions import require
from coopcouncil.people.models import Organisation
from coopcouncil.people.selectors import Actor, acting_user


def credit_offer_create(
    *, actor: Actor, partner: Organisation, title: str, credits: int, description: str = ""
) -> CreditOffer:
    """A partner offers something for a number of credits (a swim for one, a course for five)."""
    require(actor, "coproduction.manage_offers", partner)
    if not title.strip():
        raise DomainError("title_required", gettext("Say what the offer is."), "title")
    if credits < 1:
        raise DomainError(
            "credits_not_positive", gettext("An offer costs at least one credit."), "credits"
        )
    with transaction.atomic():
        offer = CreditOffer.objects.create(
            partner=partner, title=title.strip(), credits=credits, description=description.strip()
        )
        audit_record(
            actor=actor,
            action="coproduction.credit_offer_created",
            target=offer,
            summary=f"{partner}: {offer.title} for {credits} credits",
        )
    return offer


def credits_spend(*, actor: Actor, offer: CreditOffer, now: datetime | None = None) -> CreditEntry:
    """A resident spends credits on an offer and gets the code to show the partner."""
    require(actor, "coproduction.volunteer", offer)
    person = acting_user(actor)
    if not offer.is_open:
        raise Conflict("offer_closed", gettext("This offer is no longer available."))
    account = CreditAccount.objects.filter(person=person).first()
    problem = spend_problem(balance=account.balance if account else 0, cost=offer.credits)
    if account is None or problem is not None:
        raise Conflict("not_enough_credits", _not_enough(account.balance if account else 0, offer))
    with transaction.atomic():
        taken = CreditAccount.objects.filter(pk=account.pk, balance__gte=offer.credits).update(
            balance=F("balance") - offer.credits
        )
        if not taken:
            account.refresh_from_db()
            raise Conflict("not_enough_credits", _not_enough(account.balance, offer))
        entry = _entry_with_new_code(account, offer, now or timezone.now())
        audit_record(
            actor=actor,
            action="coproduction.credits_spent",
            target=offer,
            summary=f"{offer.credits} credits spent on {offer.title}",
        )
    return entry


def _not_enough(balance: int, offer: CreditOffer) -> str:
    return gettext("%(offer)s costs %(cost)s credits; you have %(balance)s.") % {
        "offer": offer.title,
        "cost": offer.credits,
        "balance": balance,
    }


def _entry_with_new_code(account: CreditAccount, offer: CreditOffer, now: datetime) -> CreditEntry:
    # A clash of two random codes is vanishingly rare; try again rather than fail the spend.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return CreditEntry.objects.create(
                    account=account,
                    amount=-offer.credits,
                    offer=offer,
                    code=redemption_code_new(),
                    at=now,
                )
        except IntegrityError:
            continue
    raise Conflict("code_clash", gettext("Please try again."))


@dataclass(frozen=True)
class Redeemed:
    """What a partner learns when redeeming a code: the offer and when; never who."""

    offer: str
    credits: int
    redeemed_at: datetime


def credit_redeem(
    *, actor: Actor, partner: Organisation, code: str, now: datetime | None = None
) -> Redeemed:
    """A partner redeems a code for one of its own offers, once."""
    require(actor, "coproduction.redeem_credit", partner)
    cleaned = redemption_code_clean(code)
    entry = (
        CreditEntry.objects.select_related("offer")
        .filter(code=cleaned, offer__partner=partner)
        .first()
    )
    if entry is None or entry.offer is None:
        raise NotFound("code_not_found", gettext("No credit of yours has this code."), "code")
    now = now or timezone.now()
    try:
        with transaction.atomic():
            CreditRedemption.objects.create(entry=entry, redeemed_by=acting_user(actor), at=now)
            audit_record(
                actor=actor,
                action="coproduction.credit_redeemed",
                target=entry.offer,
                summary=f"{entry.offer.title} redeemed",
            )
    except IntegrityError:
        raise Conflict(
            "code_already_redeemed", gettext("This code has already been used."), "code"
        ) from None
    return Redeemed(offer=entry.offer.title, credits=-entry.amount, redeemed_at=now)
