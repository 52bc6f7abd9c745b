"""What the membership and energy switching endpoints read and write. Money is integer pence;
prices are pence per kWh and pence per day, as text or numbers with up to three decimals."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema


class SwitchingRoundIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    registration_opens: datetime
    registration_closes: datetime
    acceptance_closes: datetime | None = None
    finder_fee_pence: int | None = Field(None, ge=0)


class SwitchingResultOut(Schema):
    winning_bid: str = Field(..., alias="winning_bid.reference")
    winning_supplier: str = Field(..., alias="winning_bid.supplier_name")
    tie_rule: str
    run_at: datetime
    registrations: int
    switching: int
    total_saving_pence: int
    average_saving_pence: int
    largest_saving_pence: int
    finder_fee_total_pence: int | None


class SwitchingRoundOut(Schema):
    id: int
    name: str
    registration_opens: datetime
    registration_closes: datetime
    acceptance_closes: datetime
    finder_fee_pence: int


class HouseholdIn(Schema):
    region: str
    payment_method: str
    has_gas: bool = True
    electricity_kwh: int | None = Field(None, description="kWh a year; omit to estimate")
    gas_kwh: int | None = Field(None, description="kWh a year; omit to estimate")
    household_size: int | None = Field(None, description="People at home, for an estimate")
    electricity_unit_rate: str = Field(..., description="Pence per kWh, e.g. '24.5'")
    electricity_standing_charge: str = Field(..., description="Pence per day")
    gas_unit_rate: str | None = None
    gas_standing_charge: str | None = None


class RegistrationOut(Schema):
    id: int
    region: str
    payment_method: str
    electricity_kwh: int
    gas_kwh: int
    estimated_band: str
    current_cost_pence: int
    registered_at: datetime


class SwitchingOfferOut(Schema):
    current_cost_pence: int
    new_cost_pence: int
    saving_pence: int
    status: str
    would_save: bool
    decided_at: datetime | None


class OfferDecisionIn(Schema):
    accept: bool


class BidsIn(Schema):
    csv: str = Field(..., description="The bids file's text (columns as in the CLI)")
    supplier: str | None = Field(None, description="Slug of the supplier organisation")


class SwitchingBidOut(Schema):
    reference: str
    supplier_name: str
    submitted_at: datetime
    cohort_cost_pence: int | None
    rank: int | None


class SwitchingFiguresOut(Schema):
    registrations: int
    prepayment_registrations: int
    offers_saving: int
    accepted: int
    declined: int
    accepted_saving_pence: int
    average_accepted_saving_pence: int
    largest_accepted_saving_pence: int
    finder_fee_pence: int
    finder_fee_status: str
    result: SwitchingResultOut | None


class PledgeOut(Schema):
    kind: str
    label: str
    kept_by: str
    is_taken: bool
    is_kept: bool


class PledgeIn(Schema):
    kind: str


class BenefitIn(Schema):
    partner: str = Field(..., description="Slug of the partner organisation")
    title: str = Field(..., min_length=1, max_length=150)
    kind: str
    description: str = ""
    valid_from: date
    valid_until: date
    wards: list[str] = Field(default_factory=list, description="Ward slugs; empty for all")
    min_age: int | None = Field(None, ge=0)
    max_age: int | None = Field(None, ge=0)
    min_membership_days: int = Field(0, ge=0)


class BenefitOut(Schema):
    id: int
    title: str
    kind: str
    description: str
    partner: str = Field(..., alias="partner.name")
    valid_from: date
    valid_until: date
    min_age: int | None
    max_age: int | None
    min_membership_days: int


class MemberBenefitOut(Schema):
    benefit: BenefitOut
    problem: str
    code: str | None


class CodeIn(Schema):
    code: str = Field(..., max_length=30)


class CodeOut(Schema):
    """What a partner sees of a code: the offer and its state, nothing about the member."""

    code: str
    benefit: str
    valid_from: date
    valid_until: date
    claimed_at: datetime
    redeemed_at: datetime | None


class MembershipOut(Schema):
    joined_at: datetime
    ward: str | None = Field(None, alias="ward.slug")


class WardUptakeOut(Schema):
    ward: str
    population: int
    imd_score: float
    members: int
    members_per_thousand: float
    claims: int
