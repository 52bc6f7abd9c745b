"""Writes for devolved money. Each service checks permission, runs in one transaction and is
audited; see the modules for allocations, monitoring, autonomy and the ladder, ward budgets."""

from coopcouncil.budgets.services.allocations import (
    allocation_adopt,
    allocation_save_scenario,
    budget_line_create,
    budget_line_devolve_to_wards,
    formula_check,
    formula_create,
)
from coopcouncil.budgets.services.autonomy import (
    autonomy_cabinet_decide,
    autonomy_request_assess,
    autonomy_request_submit,
    autonomy_threshold_set,
    ladder_challenge_answer,
    ladder_challenge_submit,
    ladder_place,
)
from coopcouncil.budgets.services.commitments import CommitmentSync, commitments_sync
from coopcouncil.budgets.services.cost_centres import cost_centre_save
from coopcouncil.budgets.services.monitoring import (
    commitment_record,
    spend_import,
    spend_import_file,
)
from coopcouncil.budgets.services.ward_budgets import (
    ward_allocation_decide,
    ward_budget_allocate,
    ward_budgets_open,
)
from coopcouncil.budgets.services.ward_polls import ward_poll_open, ward_poll_vote

__all__ = [
    "CommitmentSync",
    "allocation_adopt",
    "allocation_save_scenario",
    "autonomy_cabinet_decide",
    "autonomy_request_assess",
    "autonomy_request_submit",
    "autonomy_threshold_set",
    "budget_line_create",
    "budget_line_devolve_to_wards",
    "commitment_record",
    "commitments_sync",
    "cost_centre_save",
    "formula_check",
    "formula_create",
    "ladder_challenge_answer",
    "ladder_challenge_submit",
    "ladder_place",
    "spend_import",
    "spend_import_file",
    "ward_allocation_decide",
    "ward_budget_allocate",
    "ward_budgets_open",
    "ward_poll_open",
    "ward_poll_vote",
]
