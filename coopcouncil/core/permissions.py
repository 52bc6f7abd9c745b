"""The one place that decides who may do what.

Every service asks ``require(user, action, target)`` before it writes; pages ask
``check`` to decide what to show. A rule returns a ``Decision`` that carries its
reason, so a refusal can always say why ("your residency verification expired on
…"). Rules read roles and residency as they stand at ``now``; nothing is cached on
the user, so a change of role takes effect at once.

Later domains add their actions to ``RULES`` in their own section below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from coopcouncil.core.errors import NotAllowed


@dataclass(frozen=True)
class Decision:
    """Whether an action is allowed, and the reason to show either way."""

    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True, "allowed")


def _deny(reason: str) -> Decision:
    return Decision(False, reason)


# --- Facts about a person -------------------------------------------------------------


def is_signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def current_roles(user: Any, *, role: str | None = None):
    """The person's role assignments in force today (empty for anonymous users)."""
    from coopcouncil.people.models import RoleAssignment

    if not is_signed_in(user):
        return RoleAssignment.objects.none()
    roles = RoleAssignment.objects.current().filter(user=user).select_related("ward", "district")
    return roles.filter(role=role) if role else roles


def is_administrator(user: Any) -> bool:
    return is_signed_in(user) and (
        user.is_superuser or current_roles(user, role="administrator").exists()
    )


def is_officer(user: Any, *, teams: tuple[str, ...] = (), district: Any = None) -> bool:
    """An officer in one of ``teams`` (any team if empty), optionally of ``district``."""
    roles = current_roles(user, role="officer")
    if teams:
        roles = roles.filter(team__in=teams)
    if district is not None:
        roles = roles.filter(Q(district=district) | Q(district__isnull=True))
    return roles.exists()


def councillor_wards(user: Any):
    """Wards the person currently represents."""
    from coopcouncil.places.models import Ward

    return Ward.objects.filter(
        pk__in=current_roles(user, role="councillor").values("ward_id")
    ).select_related("district")


def verified_residency(user: Any, *, now: datetime | None = None):
    """The person's verified, unexpired residency, or None."""
    from coopcouncil.people.models import Residency

    if not is_signed_in(user):
        return None
    now = now or timezone.now()
    return (
        Residency.objects.filter(user=user, status=Residency.Status.VERIFIED, expires_at__gt=now)
        .select_related("ward__district")
        .order_by("-verified_at")
        .first()
    )


def residency_decision(user: Any, *, ward=None, district=None, now=None) -> Decision:
    """May this person act as a resident of ``ward`` / ``district`` (or of the borough)?

    Ward-scoped rights — voting, signing, asking — need a verified residency that
    has not expired.
    """
    if not is_signed_in(user):
        return _deny("Sign in to take part.")
    if not user.has_verified_email:
        return _deny("Confirm your email address first.")
    residency = verified_residency(user, now=now)
    if residency is None:
        from coopcouncil.people.models import Residency

        lapsed = (
            Residency.objects.filter(user=user, status=Residency.Status.VERIFIED)
            .order_by("-expires_at")
            .first()
        )
        if lapsed is not None:
            expired = timezone.localtime(lapsed.expires_at)
            return _deny(
                f"Your proof of residency expired on {expired:%d %B %Y}."
                " Please verify your address again."
            )
        return _deny("Verify your home address to take part as a resident.")
    if ward is not None and residency.ward_id != ward.pk:
        return _deny(f"This is open to residents of {ward}; you are verified in {residency.ward}.")
    if district is not None and residency.ward.district_id != district.pk:
        return _deny(
            f"This is open to residents of {district}; you are verified in"
            f" {residency.ward.district}."
        )
    return ALLOW


# --- Rules ------------------------------------------------------------------------------

Rule = Callable[[Any, Any], Decision]
RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    """Register the function that decides ``action``."""

    def register(function: Rule) -> Rule:
        RULES[action] = function
        return function

    return register


def _staff_rule(*teams: str, reason: str) -> Rule:
    def decide(user: Any, target: Any) -> Decision:
        if is_administrator(user) or is_officer(user, teams=teams):
            return ALLOW
        return _deny(reason)

    return decide


# Foundation: places and people
RULES["places.edit_figures"] = _staff_rule(
    "finance", reason="Only finance officers and administrators may change ward figures."
)
RULES["people.verify_in_person"] = _staff_rule(
    "district_team", "clerk", reason="Only district team officers may verify residents in person."
)
RULES["people.issue_letters"] = _staff_rule(
    "district_team", "clerk", reason="Only district team officers may print residency letters."
)
RULES["people.import_register"] = _staff_rule(
    "clerk", reason="Only democratic services may import the electoral register."
)
RULES["people.manage_roles"] = lambda user, target: (
    ALLOW if is_administrator(user) else _deny("Only administrators may change roles.")
)


@rule("resident.take_part")
def _resident_take_part(user: Any, target: Any) -> Decision:
    """Target may be a Ward, a District, or None for the whole borough."""
    from coopcouncil.places.models import District, Ward

    if isinstance(target, Ward):
        return residency_decision(user, ward=target)
    if isinstance(target, District):
        return residency_decision(user, district=target)
    return residency_decision(user)


# --- Devolved money ---------------------------------------------------------------------
# Finance sets formulas and imports spend; districts ask for autonomy and Cabinet decides;
# councillors eligible under the Local Leaders Programme spend their own ward budget and the
# district team signs it off.

_FINANCE_ONLY = "Only finance officers and administrators may do this."
RULES["budgets.manage_formulas"] = _staff_rule("finance", reason=_FINANCE_ONLY)
RULES["budgets.adopt_allocation"] = _staff_rule("finance", reason=_FINANCE_ONLY)
RULES["budgets.import_spend"] = _staff_rule("finance", reason=_FINANCE_ONLY)
RULES["budgets.assess_autonomy"] = _staff_rule("finance", reason=_FINANCE_ONLY)
RULES["budgets.manage_ward_budgets"] = _staff_rule("finance", reason=_FINANCE_ONLY)
RULES["budgets.record_cabinet_decision"] = lambda user, target: (
    ALLOW
    if is_administrator(user)
    else _deny("Only an administrator may record Cabinet's decision.")
)
RULES["budgets.manage_ladder"] = lambda user, target: (
    ALLOW
    if is_administrator(user)
    else _deny("Only an administrator may place services on the ladder or answer challenges.")
)


@rule("budgets.record_commitment")
def _budgets_record_commitment(user: Any, district: Any) -> Decision:
    if is_administrator(user) or is_officer(user, teams=("finance",)):
        return ALLOW
    if district is not None and is_officer(user, teams=("district_team",), district=district):
        return ALLOW
    return _deny("Only finance officers or the district's team may record commitments.")


@rule("budgets.request_autonomy")
def _budgets_request_autonomy(user: Any, district: Any) -> Decision:
    """Target: the District asking."""
    if district is not None and (
        is_officer(user, teams=("district_team",), district=district)
        or councillor_wards(user).filter(district=district).exists()
    ):
        return ALLOW
    return _deny(f"Only {district or 'the district'}'s councillors and district team may ask.")


@rule("budgets.allocate_ward_budget")
def _budgets_allocate_ward_budget(user: Any, ward_budget: Any) -> Decision:
    """Target: the WardBudget. The councillor themselves, still in office and eligible."""
    if ward_budget is None or not is_signed_in(user) or ward_budget.councillor_id != user.pk:
        return _deny("Only the councillor whose ward budget this is may allocate it.")
    if not councillor_wards(user).filter(pk=ward_budget.ward_id).exists():
        return _deny(f"You are no longer a councillor for {ward_budget.ward}.")
    from coopcouncil.democracy.selectors import councillor_eligibility

    eligibility = councillor_eligibility(user)
    if not eligibility.is_eligible:
        return _deny(f"Not eligible under the Local Leaders Programme: {eligibility.reason}")
    return ALLOW


@rule("budgets.approve_ward_allocation")
def _budgets_approve_ward_allocation(user: Any, ward: Any) -> Decision:
    """Target: the Ward the allocation is for."""
    district = getattr(ward, "district", None)
    if is_administrator(user) or (
        district is not None and is_officer(user, teams=("district_team",), district=district)
    ):
        return ALLOW
    return _deny(f"Only {district or 'the district'}'s district team may approve or refuse this.")


@rule("budgets.challenge_ladder")
def _budgets_challenge_ladder(user: Any, target: Any) -> Decision:
    """Verified residents and members of a district partnership may challenge a placement."""
    if is_signed_in(user) and (
        councillor_wards(user).exists()
        or is_officer(user, teams=("district_team",))
        or current_roles(user, role="partner").exists()
    ):
        return ALLOW
    return residency_decision(user)


# --- Participatory budgeting -------------------------------------------------------------
# Target: a participation PBProcess (its ``district`` is None for a borough-wide process).


def _pb_staff(user: Any, process: Any) -> bool:
    """Administrators, the clerk, and district-team officers of the process's district."""
    district = getattr(process, "district", None)
    return (
        is_administrator(user)
        or is_officer(user, teams=("clerk",))
        # A borough-wide process is run centrally, not by any one district's team.
        or (district is not None and is_officer(user, teams=("district_team",), district=district))
    )


def _pb_rule(reason: str) -> Rule:
    return lambda user, process: ALLOW if _pb_staff(user, process) else _deny(reason)


RULES["pb.manage"] = _pb_rule("Only the clerk and district officers may run a PB process.")
RULES["pb.review"] = _pb_rule("Only council officers may review PB proposals.")
RULES["pb.close_voting"] = _pb_rule("Only the clerk and district officers may close voting.")
RULES["pb.deliver"] = _pb_rule("Only council officers may report on delivery.")


@rule("pb.propose")
def _pb_propose(user: Any, process: Any) -> Decision:
    """Residents of the area propose; so do members of its community groups."""
    district = getattr(process, "district", None)
    residency = residency_decision(user, district=district)
    if residency.allowed:
        return residency
    groups = current_roles(user, role="group_member").filter(organisation__kind="community_group")
    if district is not None:
        groups = groups.filter(organisation__district=district)
    return ALLOW if is_signed_in(user) and groups.exists() else residency


@rule("pb.vote")
def _pb_vote(user: Any, process: Any) -> Decision:
    """Verified residents of the area at or above the process's minimum age."""
    residency = residency_decision(user, district=getattr(process, "district", None))
    if not residency.allowed:
        return residency
    born = user.date_of_birth
    if born is None:
        return _deny("Tell us your date of birth so we can check the minimum voting age.")
    today = timezone.localdate()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < process.min_voter_age:
        return _deny(f"Voting is open to residents aged {process.min_voter_age} or over.")
    return ALLOW


# --- Local democracy ---------------------------------------------------------------------
# The clerk (democratic services) runs meetings, minutes and moderation, with the
# district's own team for its partnership; residents ask and sign; councillors vote, and
# only those eligible under the Local Leaders Programme on budgets and grant awards.


def _democracy_staff(user: Any, target: Any) -> bool:
    """Administrators, the clerk, and district-team officers of the target's district."""
    partnership = getattr(target, "partnership", target)
    district = getattr(partnership, "district", None)
    return (
        is_administrator(user)
        or is_officer(user, teams=("clerk",))
        or (district is not None and is_officer(user, teams=("district_team",), district=district))
    )


def _democracy_staff_rule(reason: str) -> Rule:
    return lambda user, target: ALLOW if _democracy_staff(user, target) else _deny(reason)


RULES["democracy.manage_meetings"] = _democracy_staff_rule(
    "Only the clerk and the district team may schedule meetings and agendas."
)
RULES["democracy.record_minutes"] = _democracy_staff_rule(
    "Only the clerk and the district team may record minutes, decisions and votes."
)
RULES["democracy.moderate_question"] = _democracy_staff_rule(
    "Only the clerk and the district team may moderate public questions."
)
RULES["democracy.manage_membership"] = _democracy_staff_rule(
    "Only the clerk and the district team may change partnership membership."
)
RULES["democracy.manage_programme"] = _staff_rule(
    "clerk", reason="Only democratic services may run the Local Leaders Programme."
)
RULES["democracy.manage_surveys"] = _democracy_staff_rule(
    "Only the clerk and the district team may run pulse surveys."
)
RULES["democracy.manage_feedback"] = _staff_rule(
    "clerk", reason="Only democratic services may open 360-degree feedback rounds."
)
# Any verified resident of the borough may ask a question or sign a call-in.
RULES["democracy.ask_question"] = lambda user, meeting: residency_decision(user)
RULES["democracy.sign_call_in"] = lambda user, decision: residency_decision(user)


@rule("democracy.vote_on_decision")
def _democracy_vote_on_decision(user: Any, decision: Any) -> Decision:
    """Target: a Decision. Voting members are the district's serving councillors."""
    district = decision.partnership.district
    if not councillor_wards(user).filter(district=district).exists():
        return _deny(f"Only councillors for {district} vote at its partnership.")
    if decision.needs_eligible_voters:
        return check(user, "democracy.vote_on_budget", decision)
    return ALLOW


@rule("democracy.vote_on_budget")
def _democracy_vote_on_budget(user: Any, decision: Any) -> Decision:
    """Budgets and grant awards: only councillors eligible under the programme rule."""
    from coopcouncil.democracy.selectors import councillor_eligibility

    eligibility = councillor_eligibility(user)
    if not eligibility.is_eligible:
        return _deny(f"{user} may not vote on budgets or grant awards: {eligibility.reason}")
    return ALLOW


@rule("democracy.publish_report")
def _democracy_publish_report(user: Any, target: Any) -> Decision:
    if councillor_wards(user).exists():
        return ALLOW
    return _deny("Only serving councillors publish an annual report.")


@rule("democracy.give_feedback")
def _democracy_give_feedback(user: Any, feedback_round: Any) -> Decision:
    """Councillors, officers and partners rate the Leader and Cabinet, not themselves."""
    if feedback_round is not None and getattr(user, "pk", None) == feedback_round.subject_id:
        return _deny("You cannot give feedback about yourself.")
    if current_roles(user).filter(role__in=["councillor", "officer", "partner"]).exists():
        return ALLOW
    return _deny("360-degree feedback is given by councillors, officers and partners.")


@rule("democracy.answer_pulse")
def _democracy_answer_pulse(user: Any, survey: Any) -> Decision:
    """Target: a PulseSurvey, for the district's residents or its councillors."""
    district = survey.partnership.district
    if survey.audience == "councillors":
        if councillor_wards(user).filter(district=district).exists():
            return ALLOW
        return _deny(f"This survey is for {district}'s councillors.")
    return residency_decision(user, district=district)


# --- Entry points -----------------------------------------------------------------------


def check(user: Any, action: str, target: Any = None) -> Decision:
    """Decide ``action`` for ``user`` on ``target``; unknown actions are refused."""
    decide = RULES.get(action)
    if decide is None:
        return _deny(f"No rule allows '{action}'.")
    return decide(user, target)


def require(user: Any, action: str, target: Any = None) -> None:
    """Raise ``NotAllowed`` with the rule's reason unless ``action`` is allowed."""
    decision = check(user, action, target)
    if not decision.allowed:
        raise NotAllowed("not_allowed", decision.reason)
