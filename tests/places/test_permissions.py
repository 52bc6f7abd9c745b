"""Places' own rules, which read roles through core's staff check (people fills it)."""

from coopcouncil.core.permissions import check


def test_only_finance_and_administrators_may_edit_ward_figures(make_role, make_resident, ward):
    finance = make_role("officer", "Fay Finance", team="finance")
    clerk = make_role("officer", "Clara Clerk", team="clerk")
    assert check(finance, "places.edit_figures").allowed
    refused = check(clerk, "places.edit_figures")
    assert not refused.allowed
    assert refused.reason == "Only finance officers and administrators may change ward figures."
    assert not check(make_resident(ward), "places.edit_figures").allowed


def test_only_democratic_services_may_load_postcodes_and_addresses(make_role):
    clerk = make_role("officer", "Clara Clerk", team="clerk")
    finance = make_role("officer", "Fay Finance", team="finance")
    assert check(clerk, "places.load_addresses").allowed
    assert not check(finance, "places.load_addresses").allowed
