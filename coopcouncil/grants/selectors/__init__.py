"""Reads for grants, scoped and loaded for the page or endpoint that asks.

Interfaces other apps call: ``fund_get`` and ``community_fund`` (membership credits the
energy finder's fee into the community fund); ``grants_personal_data`` (people's export).
"""

from coopcouncil.grants.selectors.applications import (
    application_get,
    application_moderation,
    application_scores,
    applications_of_groups,
    applications_of_round,
    applications_to_assess,
    criterion_weights,
    instalment_get,
    instalments_waiting,
    my_scores,
    report_get,
    round_with_criteria,
)
from coopcouncil.grants.selectors.awards import (
    Dashboard,
    WardAwards,
    awards_public,
    dashboard,
    dashboard_csv_rows,
    organisation_grants,
    report_is_late,
)
from coopcouncil.grants.selectors.dividends import (
    dividend_balance,
    dividend_entries,
    verified_savings,
)
from coopcouncil.grants.selectors.funds import (
    AWARDED,
    FundMoney,
    community_fund,
    fund_get,
    fund_income_list,
    fund_income_pence,
    fund_last_updated,
    fund_list,
    fund_money,
    organisation_kinds,
    round_awarded_pence,
    round_get,
    round_list,
    rounds_open,
)
from coopcouncil.grants.selectors.people import grants_personal_data

__all__ = [
    "AWARDED",
    "Dashboard",
    "FundMoney",
    "WardAwards",
    "application_get",
    "application_moderation",
    "application_scores",
    "applications_of_groups",
    "applications_of_round",
    "applications_to_assess",
    "awards_public",
    "community_fund",
    "criterion_weights",
    "dashboard",
    "dashboard_csv_rows",
    "dividend_balance",
    "dividend_entries",
    "fund_get",
    "instalment_get",
    "instalments_waiting",
    "report_get",
    "fund_income_list",
    "fund_income_pence",
    "fund_last_updated",
    "fund_list",
    "fund_money",
    "grants_personal_data",
    "my_scores",
    "organisation_kinds",
    "organisation_grants",
    "report_is_late",
    "round_awarded_pence",
    "round_get",
    "round_list",
    "rounds_open",
    "round_with_criteria",
    "verified_savings",
]
