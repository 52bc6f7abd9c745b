"""Who may verify residents and change roles, and the residency rule every app shares.

``residency_decision`` is the one rule for acting as a resident — voting, signing, asking,
proposing — so every app's rules call it rather than reading ``Residency`` themselves. It
lives here, not in ``core``, because it reads people's models and ``core`` sits below
every app. Registered by ``PeopleConfig.ready``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from coopcouncil.core.permissions import ALLOW, Decision, Rule, deny, register, rule
from coopcouncil.people.models import ApiKey, Organisation
from coopcouncil.people.selectors import (
    Actor,
    has_api_key_role,
    interests_in,
    is_administrator,
    is_officer,
    is_signed_in,
    lapsed_residency,
    two_factor_offered,
    verified_residency,
)
from coopcouncil.places.models import District, Ward


def residency_decision(
    user: Actor,
    *,
    ward: Ward | None = None,
    district: District | None = None,
    now: datetime | None = None,
) -> Decision:
    """May this person act as a resident of ``ward`` / ``district`` (or of the borough)?

    Ward-scoped rights — voting, signing, asking — need a confirmed email and a verified
    residency that has not expired; the refusal says which is missing, or when it lapsed.
    """
    if not is_signed_in(user):
        return deny(gettext("Sign in to take part."))
    if not user.has_verified_email:
        return deny(gettext("Confirm your email address first."))
    residency = verified_residency(user, now=now)
    if residency is None:
        lapsed = lapsed_residency(user)
        if lapsed is not None:
            expired = timezone.localtime(lapsed.expires_at)
            return deny(
                gettext(
                    "Your proof of residency expired on %(date)s. Please verify your address again."
                )
                % {"date": f"{expired:%d %B %Y}"}
            )
        return deny(gettext("Verify your home address to take part as a resident."))
    if ward is not None and residency.ward_id != ward.pk:
        return deny(
            gettext("This is open to residents of %(area)s; you are verified in %(home)s.")
            % {"area": ward, "home": residency.ward}
        )
    if district is not None and residency.ward.district_id != district.pk:
        return deny(
            gettext("This is open to residents of %(area)s; you are verified in %(home)s.")
            % {"area": district, "home": residency.ward.district}
        )
    return ALLOW


def staff_by_roles(user: Actor, teams: tuple[str, ...]) -> bool:
    """Administrators and officers of ``teams``: the staff check core asks for apps below people."""
    return is_administrator(user) or is_officer(user, teams=teams)


def staff_decision(user: Actor, *teams: str, reason: str) -> Decision:
    """Allowed for administrators and officers of ``teams``; otherwise refused with ``reason``."""
    return ALLOW if staff_by_roles(user, teams) else deny(reason)


def _staff_rule(*teams: str, reason: Promise) -> Rule:
    """A rule for administrators and officers of ``teams``; ``reason`` is translated when asked."""

    def decide(user: Actor, target: Any) -> Decision:
        return staff_decision(user, *teams, reason=str(reason))

    return decide


def conflict_decision(user: Actor, organisation: Organisation) -> Decision:
    """The one conflict-of-interest rule: may this person judge ``organisation``'s bid?

    Refused when they declared an interest in it or hold a current role in it. Grants
    (assessing, panel votes) and procurement (evaluating) both ask this, not a copy of it.
    """
    interest = interests_in(user, [organisation.pk]).get(organisation.pk)
    if interest is None:
        return ALLOW
    return deny(
        gettext(
            "You have an interest in %(organisation)s (%(reason)s),"
            " so you cannot see, score or vote on its bid."
        )
        % {"organisation": organisation.name, "reason": interest.reason}
    )


@rule("people.declare_interest")
def _people_declare_interest(user: Actor, target: Any) -> Decision:
    """Anyone signed in may declare their own interest; recording another's is staff work."""
    if not is_signed_in(user):
        return deny(gettext("Sign in to declare an interest."))
    if target is None or target == user:
        return ALLOW
    return staff_decision(
        user,
        "district_team",
        "clerk",
        "finance",
        "procurement",
        reason=gettext("Only officers may record another person's interest."),
    )


@rule("resident.take_part")
def _resident_take_part(user: Actor, target: Any) -> Decision:
    """Target may be a Ward, a District, or None for the whole borough."""
    if isinstance(target, Ward):
        return residency_decision(user, ward=target)
    if isinstance(target, District):
        return residency_decision(user, district=target)
    return residency_decision(user)


register(
    "people.verify_in_person",
    _staff_rule(
        "district_team",
        "clerk",
        reason=gettext_lazy("Only district team officers may verify residents in person."),
    ),
)
register(
    "people.issue_letters",
    _staff_rule(
        "district_team",
        "clerk",
        reason=gettext_lazy("Only district team officers may print residency letters."),
    ),
)
register(
    "people.import_register",
    _staff_rule(
        "clerk", reason=gettext_lazy("Only democratic services may import the electoral register.")
    ),
)


@rule("people.manage_roles")
def _people_manage_roles(user: Actor, target: Any) -> Decision:
    if is_administrator(user):
        return ALLOW
    return deny(gettext("Only administrators may change roles."))


register(
    "people.decide_ward",
    _staff_rule(
        "district_team",
        "clerk",
        reason=gettext_lazy("Only district team officers may decide a resident's ward."),
    ),
)


@rule("people.two_factor_enrol")
def _people_two_factor_enrol(user: Actor, target: Any) -> Decision:
    if target == user and two_factor_offered(user):
        return ALLOW
    return deny(gettext("A second factor is for staff and administrators, on their own account."))


@rule("people.two_factor_remove")
def _people_two_factor_remove(user: Actor, target: Any) -> Decision:
    if is_administrator(user):
        return ALLOW
    return deny(gettext("Only an administrator may remove a second factor."))


@rule("people.manage_api_keys")
def _people_manage_api_keys(user: Actor, target: Any) -> Decision:
    """Staff and partners hold keys of their own; administrators manage anyone's.

    ``target`` is the key's account (a ``User``) or the ``ApiKey``; None asks whether the
    person may hold keys at all (the keys page).
    """
    if is_administrator(user):
        return ALLOW
    owner = target.user if isinstance(target, ApiKey) else target
    if owner is not None and owner != user:
        return deny(gettext("Only an administrator may manage another person's API keys."))
    if not has_api_key_role(user):
        return deny(gettext("API keys are for council officers and partner organisations."))
    return ALLOW


@rule("people.list_all_api_keys")
def _people_list_all_api_keys(user: Actor, target: Any) -> Decision:
    if is_administrator(user):
        return ALLOW
    return deny(gettext("Only administrators may see every account's API keys."))
