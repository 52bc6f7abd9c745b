"""Template filters and tags for commissioning and contracts."""

from __future__ import annotations

from decimal import Decimal

from django import template

from coopcouncil.core.money import format_pence

register = template.Library()


@register.filter
def pounds(pence) -> str:
    """Pence (a number or a decimal string) as pounds: 1820000 → £18,200.00."""
    if pence is None or pence == "":
        return ""
    return format_pence(int(Decimal(str(pence))))


@register.simple_tag
def district_contracts(district) -> list:
    """For the district page: contracts let in the district, newest first."""
    from coopcouncil.procurement import selectors

    return list(selectors.contract_list(district=district)[:10])


@register.simple_tag
def my_procurement(user) -> dict:
    """For the account page: the person's organisations' bids and contracts, and panel seats."""
    from coopcouncil.procurement import selectors

    return selectors.my_procurement(user)
