"""Writes for participatory budgeting: processes, proposals, reviews, ballots, results, delivery.

Every service checks permission through `coopcouncil.core.permissions`, validates, saves inside
one transaction and writes one audit event. Counting is done by the pure logic package through
`pabulib_adapter`; a count that fails leaves nothing changed.
"""

from coopcouncil.participation.services.ballots import (
    ballot_cast,
    ballot_constraints,
    voter_date_of_birth_give,
)
from coopcouncil.participation.services.headings import HeadingPlan
from coopcouncil.participation.services.pabulib_import import process_import_pabulib
from coopcouncil.participation.services.phases import process_phase_advance
from coopcouncil.participation.services.processes import process_create, process_update
from coopcouncil.participation.services.proposals import proposal_review, proposal_submit
from coopcouncil.participation.services.results import (
    delivery_update,
    result_compute,
    voting_close,
)

__all__ = [
    "HeadingPlan",
    "ballot_cast",
    "ballot_constraints",
    "delivery_update",
    "process_create",
    "process_import_pabulib",
    "process_phase_advance",
    "process_update",
    "proposal_review",
    "proposal_submit",
    "result_compute",
    "voter_date_of_birth_give",
    "voting_close",
]
