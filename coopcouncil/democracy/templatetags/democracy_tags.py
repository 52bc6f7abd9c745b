"""Template filters for democracy pages."""

from django import template

from coopcouncil.core.money import format_pence

register = template.Library()


@register.filter
def pence(value) -> str:
    """Show integer pence as pounds: 125000 -> '£1,250.00'."""
    return format_pence(int(value or 0))


@register.simple_tag
def eligibility_of(user):
    """The councillor's Local Leaders Programme standing, for the account page."""
    from coopcouncil.democracy.selectors import councillor_eligibility

    return councillor_eligibility(user)


@register.simple_tag
def district_democracy(district, limit: int = 3) -> dict:
    """The district page's view of its partnership: next meetings and latest decisions."""
    from coopcouncil.democracy import selectors

    partnership = getattr(district, "partnership", None)
    if partnership is None:
        return {"meetings": [], "decisions": []}
    return {
        "meetings": list(selectors.meeting_list(partnership=partnership, upcoming=True)[:limit]),
        "decisions": list(selectors.decision_list(partnership=partnership)[:limit]),
    }
