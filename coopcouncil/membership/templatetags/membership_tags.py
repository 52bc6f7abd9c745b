"""Template filters for membership pages: money in pence as pounds, codes in groups."""

from django import template

from coopcouncil.core.money import format_pence
from coopcouncil.membership import selectors
from coopcouncil.membership.logic.deal import code_display

register = template.Library()


@register.filter
def pounds(pence) -> str:
    """Integer pence as '£1,234.56'; empty for None."""
    return "" if pence is None or pence == "" else format_pence(int(pence))


@register.filter
def redemption_code(code: str) -> str:
    return code_display(code)


@register.simple_tag
def membership_profile(user) -> dict:
    """What the person's account page shows of their membership and energy switching."""
    membership = selectors.membership_of(user)
    return {
        "membership": membership,
        "pledges": selectors.pledges_of(membership) if membership else [],
        "claims": membership.claims.select_related("benefit") if membership else [],
        "energy": selectors.energy_registrations_of(user),
    }


@register.simple_tag
def membership_district(district):
    """The district page's figures: members and claims beside the population."""
    return selectors.district_uptake(district)
