"""Reads for the membership deal and energy switching.

Two are interfaces: ``participation_sources`` (insight counts kept pledges as "supporting")
and ``membership_personal_data`` (people's data export).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy

from coopcouncil.core.interfaces import ParticipationSource
from coopcouncil.membership.logic.deal import PLEDGE_KINDS, code_display
from coopcouncil.membership.models import BenefitClaim, HouseholdRegistration, Membership
from coopcouncil.membership.selectors.deal import (
    MemberBenefit,
    PledgeStatus,
    WardUptake,
    benefit_get,
    benefit_list,
    benefit_problem,
    benefits_for,
    claim_by_code,
    deal_last_changed,
    district_uptake,
    kept_pledge_events,
    membership_of,
    message_text,
    pledges_of,
    uptake_by_ward,
)
from coopcouncil.membership.selectors.energy import (
    RoundFigures,
    auction_results_public,
    bid_prices,
    bids_of_round,
    cohort_rows,
    energy_last_changed,
    energy_registrations_of,
    offer_rows,
    registration_of,
    round_figures,
    round_get,
    round_list,
    round_stage,
    supplier_choices,
)


def participation_sources() -> list[ParticipationSource]:
    """Kept pledges count as "supporting".

    Only the pledges members report themselves: those ticked from a call-in signature, a PB
    ballot or volunteering hours are counted by democracy, participation and coproduction
    already, as the act itself.
    """
    return [
        ParticipationSource(
            role="supporting",
            kind="membership_pledges_kept",
            label=gettext_lazy("Co-operative membership pledges kept"),
            events=kept_pledge_events(),
        )
    ]


def open_data_last_changed() -> datetime | None:
    """When the open dataset last changed: an auction run, or a member joining."""
    changes = [when for when in (energy_last_changed(), deal_last_changed()) if when]
    return max(changes, default=None)


def membership_personal_data(*, user: Any) -> dict:
    """Everything this app holds about ``user``, for their data export."""
    membership = Membership.objects.filter(user=user).first()
    data: dict[str, Any] = {"membership": None, "energy_registrations": []}
    if membership is not None:
        data["membership"] = {
            "joined_at": membership.joined_at.isoformat(),
            "ward": str(membership.ward) if membership.ward else None,
            "pledges": [
                {
                    "pledge": PLEDGE_KINDS[p.kind].label,
                    "taken_at": p.taken_at.isoformat(),
                    "kept_at": p.kept_at.isoformat() if p.kept_at else None,
                }
                for p in membership.pledges.all()
            ],
            "benefit_claims": [
                {
                    "benefit": c.benefit.title,
                    "code": code_display(c.code),
                    "claimed_at": c.claimed_at.isoformat(),
                    "redeemed_at": c.redeemed_at.isoformat() if c.redeemed_at else None,
                }
                for c in BenefitClaim.objects.filter(membership=membership).select_related(
                    "benefit"
                )
            ],
        }
    for registration in HouseholdRegistration.objects.filter(user=user).select_related(
        "round", "offer"
    ):
        offer = getattr(registration, "offer", None)
        data["energy_registrations"].append(
            {
                "round": registration.round.name,
                "region": registration.region,
                "payment_method": registration.payment_method,
                "electricity_kwh": registration.electricity_kwh,
                "gas_kwh": registration.gas_kwh,
                "electricity_unit_rate": str(registration.electricity_unit_rate),
                "electricity_standing_charge": str(registration.electricity_standing_charge),
                "gas_unit_rate": _text(registration.gas_unit_rate),
                "gas_standing_charge": _text(registration.gas_standing_charge),
                "current_cost_pence": registration.current_cost_pence,
                "registered_at": registration.registered_at.isoformat(),
                "offer": None
                if offer is None
                else {
                    "new_cost_pence": offer.new_cost_pence,
                    "saving_pence": offer.saving_pence,
                    "status": offer.status,
                },
            }
        )
    return data


def _text(value: object) -> str | None:
    return None if value is None else str(value)


__all__ = [
    "MemberBenefit",
    "PledgeStatus",
    "RoundFigures",
    "WardUptake",
    "auction_results_public",
    "benefit_get",
    "benefit_list",
    "benefit_problem",
    "benefits_for",
    "bid_prices",
    "bids_of_round",
    "claim_by_code",
    "cohort_rows",
    "deal_last_changed",
    "district_uptake",
    "energy_last_changed",
    "energy_registrations_of",
    "membership_of",
    "membership_personal_data",
    "message_text",
    "offer_rows",
    "open_data_last_changed",
    "participation_sources",
    "pledges_of",
    "registration_of",
    "round_figures",
    "round_get",
    "round_list",
    "round_stage",
    "supplier_choices",
    "uptake_by_ward",
]
