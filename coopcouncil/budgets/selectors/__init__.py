"""Reads for devolved money, scoped and loaded without N+1 queries.

``councillor_allocated_pence`` answers democracy's ward budget figure (the councillor annual
report): ``BudgetsConfig.ready`` registers it in ``democracy/interfaces.py``.
"""

from coopcouncil.budgets.selectors.allocations import (
    allocation_current,
    allocation_get,
    allocation_list,
    current_allocations,
    district_allocation_rows,
    formula_get,
    formula_list,
    line_get,
    line_list,
    scenario_comparison,
    ward_allocation_rows,
)
from coopcouncil.budgets.selectors.autonomy import (
    autonomy_request_can_assess,
    autonomy_request_can_decide,
    autonomy_request_districts,
    autonomy_request_get,
    autonomy_request_list,
    autonomy_threshold_history,
    autonomy_thresholds_in_force,
    granted_powers,
    ladder,
    ladder_challenge_get,
    ladder_placement_get,
)
from coopcouncil.budgets.selectors.commitments import CommitmentSource, commitment_sources
from coopcouncil.budgets.selectors.cost_centres import cost_centre_codes, cost_centre_list
from coopcouncil.budgets.selectors.monitoring import (
    commitment_list,
    financial_years,
    monitoring_report,
    spend_import_list,
)
from coopcouncil.budgets.selectors.ward_budgets import (
    councillor_allocated_pence,
    current_financial_year,
    my_ward_budget,
    ward_allocation_get,
    ward_allocation_list,
    ward_budget_get,
    ward_budget_summaries,
    ward_decision_queue,
)
from coopcouncil.budgets.selectors.ward_polls import (
    has_voted_in_ward_poll,
    ward_allocations_with_polls,
    ward_poll_closed_options,
    ward_poll_get,
    ward_poll_list,
    ward_poll_option_find,
    ward_poll_option_get,
    ward_poll_result,
)

__all__ = [
    "CommitmentSource",
    "allocation_current",
    "allocation_get",
    "allocation_list",
    "autonomy_request_can_assess",
    "autonomy_request_can_decide",
    "autonomy_request_districts",
    "autonomy_request_get",
    "autonomy_request_list",
    "autonomy_threshold_history",
    "autonomy_thresholds_in_force",
    "commitment_list",
    "commitment_sources",
    "cost_centre_codes",
    "cost_centre_list",
    "councillor_allocated_pence",
    "current_allocations",
    "current_financial_year",
    "district_allocation_rows",
    "financial_years",
    "formula_get",
    "formula_list",
    "granted_powers",
    "has_voted_in_ward_poll",
    "ladder",
    "ladder_challenge_get",
    "ladder_placement_get",
    "line_get",
    "line_list",
    "monitoring_report",
    "my_ward_budget",
    "scenario_comparison",
    "spend_import_list",
    "ward_allocation_get",
    "ward_allocation_list",
    "ward_allocation_rows",
    "ward_budget_get",
    "ward_budget_summaries",
    "ward_decision_queue",
    "ward_allocations_with_polls",
    "ward_poll_closed_options",
    "ward_poll_get",
    "ward_poll_list",
    "ward_poll_option_find",
    "ward_poll_option_get",
    "ward_poll_result",
]
