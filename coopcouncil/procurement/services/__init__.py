"""Writes for procurement: commissioning, bids and scores, awards, delivery monitoring."""

from coopcouncil.procurement.services.awards import lot_award, quotation_award
from coopcouncil.procurement.services.bids import (
    bid_submit,
    living_wage_now,
    moderated_score_record,
    quality_scores_record,
)
from coopcouncil.procurement.services.catalogue import (
    measure_add,
    measure_create,
    measure_outcome_create,
    measure_outcome_update,
    measure_theme_create,
    measure_theme_update,
    measure_update,
)
from coopcouncil.procurement.services.commissioning import (
    exercise_create,
    panel_member_add,
    tender_publish,
)
from coopcouncil.procurement.services.delivery import (
    quarterly_return_import,
    quarterly_return_submit,
    remedy_record,
)
from coopcouncil.procurement.services.erasure import procurement_erase

__all__ = [
    "bid_submit",
    "exercise_create",
    "living_wage_now",
    "lot_award",
    "measure_add",
    "measure_create",
    "measure_outcome_create",
    "measure_outcome_update",
    "measure_theme_create",
    "measure_theme_update",
    "measure_update",
    "moderated_score_record",
    "panel_member_add",
    "procurement_erase",
    "quality_scores_record",
    "quarterly_return_import",
    "quarterly_return_submit",
    "quotation_award",
    "remedy_record",
    "tender_publish",
]
