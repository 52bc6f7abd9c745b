"""The co-operative membership deal: pledges, benefit eligibility and redemption codes.

Oldham's co-operative deal asks residents to take on pledges and offers them benefits the
council negotiates at scale. Some pledges are kept by doing something another part of the
platform records (signing a call-in, casting a PB ballot, volunteering hours); those are
ticked from the record, never typed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coopcouncil.membership.logic.messages import Message, gettext_noop

# How a pledge is known to be kept: said by the member, or read from a record.
SELF_REPORTED = "self"
CALL_IN_SIGNATURE = "call_in_signature"
PB_BALLOT = "pb_ballot"
VOLUNTEERING_HOURS = "volunteering_hours"


@dataclass(frozen=True)
class PledgeKind:
    code: str
    label: str
    kept_by: str


PLEDGES: tuple[PledgeKind, ...] = (
    PledgeKind("recycle", gettext_noop("Recycle more of my household waste"), SELF_REPORTED),
    PledgeKind("volunteer", gettext_noop("Volunteer in my neighbourhood"), VOLUNTEERING_HOURS),
    PledgeKind("neighbour", gettext_noop("Look out for a neighbour"), SELF_REPORTED),
    PledgeKind("shop_local", gettext_noop("Shop locally"), SELF_REPORTED),
    PledgeKind(
        "have_a_say", gettext_noop("Have my say on a council decision (call-in)"), CALL_IN_SIGNATURE
    ),
    PledgeKind("pb_vote", gettext_noop("Vote on how neighbourhood money is spent"), PB_BALLOT),
)
PLEDGE_KINDS = {pledge.code: pledge for pledge in PLEDGES}

BENEFIT_KINDS: dict[str, str] = {
    "fair_fares": gettext_noop("Fair fares"),
    "local_card": gettext_noop("Local card discount"),
    "credit_union": gettext_noop("Credit union savings and loans"),
    "fair_energy": gettext_noop("Fair energy"),
    "other": gettext_noop("Other"),
}


@dataclass(frozen=True)
class Eligibility:
    """A benefit's rule. Empty ``ward_ids`` means every ward; None means no age limit."""

    ward_ids: frozenset[int]
    min_age: int | None
    max_age: int | None
    min_membership_days: int
    valid_from: date
    valid_until: date


@dataclass(frozen=True)
class Member:
    ward_id: int | None
    date_of_birth: date | None
    joined_on: date


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def eligibility_problem(rule: Eligibility, member: Member, *, today: date) -> Message | None:
    """Why ``member`` may not claim the benefit today, or None when they may."""
    if today < rule.valid_from:
        return Message(
            gettext_noop("This offer opens on %(date)s."), {"date": _day(rule.valid_from)}
        )
    if today > rule.valid_until:
        return Message(
            gettext_noop("This offer ended on %(date)s."), {"date": _day(rule.valid_until)}
        )
    if rule.ward_ids and member.ward_id not in rule.ward_ids:
        return Message(gettext_noop("This offer is for members living in particular wards."))
    if rule.min_age is not None or rule.max_age is not None:
        if member.date_of_birth is None:
            return Message(
                gettext_noop("This offer has an age limit: tell us your date of birth first.")
            )
        age = age_on(member.date_of_birth, today)
        if rule.min_age is not None and age < rule.min_age:
            return Message(
                gettext_noop("This offer is for members aged %(age)s or over."),
                {"age": rule.min_age},
            )
        if rule.max_age is not None and age > rule.max_age:
            return Message(
                gettext_noop("This offer is for members aged %(age)s or under."),
                {"age": rule.max_age},
            )
    if (today - member.joined_on).days < rule.min_membership_days:
        opens = date.fromordinal(member.joined_on.toordinal() + rule.min_membership_days)
        return Message(
            gettext_noop(
                "This offer is for members of at least %(days)s days; you can claim it from"
                " %(date)s."
            ),
            {"days": rule.min_membership_days, "date": _day(opens)},
        )
    return None


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# Redemption codes: no 0/O or 1/I, so a code read aloud over a counter is not misheard.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def code_normalise(text: str) -> str:
    """A code as typed (any case, spaces or dashes) in its stored form."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def code_display(code: str) -> str:
    """A stored code in groups of five, easier to read out: ``ABCDE-FGHJK``."""
    return "-".join(code[i : i + 5] for i in range(0, len(code), 5))
