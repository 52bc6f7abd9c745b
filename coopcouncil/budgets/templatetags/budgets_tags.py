"""Template filters for devolved money."""

from django import template

from coopcouncil.core.money import format_pence

register = template.Library()


@register.filter
def pounds(pence) -> str:
    """Pence as pounds: 330000 → £3,300.00; blank for no value."""
    return "" if pence is None or pence == "" else format_pence(int(pence))


@register.filter
def signed_pounds(pence) -> str:
    """A difference with its sign: +£2,500.00 or -£2,500.00."""
    return ("+" if int(pence) > 0 else "") + format_pence(int(pence))


@register.filter
def item(mapping, key):
    """``mapping[key]`` in a template (e.g. a field of a form by name)."""
    return mapping[key]


@register.simple_tag
def district_budgets(district) -> dict:
    """For the district page: this year's allocations to the district and its granted powers."""
    from coopcouncil.budgets import selectors

    return {
        "rows": selectors.district_allocation_rows(district),
        "ward_rows": selectors.ward_allocation_rows(district=district),
        "powers": selectors.granted_powers(district),
    }


@register.simple_tag
def councillor_ward_budget(user):
    """For the account page: the councillor's latest ward budget summary, or None."""
    from coopcouncil.budgets import selectors

    return selectors.my_ward_budget(user)


@register.simple_tag
def ward_decisions_waiting(user) -> int | None:
    """For a district team officer's account page: allocations waiting for them (else None)."""
    from coopcouncil.budgets import selectors
    from coopcouncil.people.selectors import current_roles

    districts = [
        role.district_id
        for role in current_roles(user, role="officer").filter(team="district_team")
        if role.district_id
    ]
    if not districts:
        return None
    return (
        selectors.ward_allocation_list(status="pending")
        .filter(ward__district_id__in=districts)
        .count()
    )


@register.simple_tag
def ward_budgets(ward) -> dict:
    """For the ward page: the ward's share of lines devolved on to wards, and its councillors'
    ward budget allocations."""
    from coopcouncil.budgets import selectors

    return {
        "shares": selectors.ward_allocation_rows(ward=ward),
        "allocations": list(selectors.ward_allocation_list(ward=ward, status="approved")[:10]),
    }
