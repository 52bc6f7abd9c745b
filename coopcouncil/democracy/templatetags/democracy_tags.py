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
