"""Writes for grants: keyword-only, one transaction, the permission layer asked, one audit
event, emails after the commit. Interfaces other apps call: ``fund_income_record``
(membership credits the energy finder's fee) and ``grants_erase`` (people's erasure)."""

from coopcouncil.grants.services.applications import (
    DRAFT_FIELDS,
    ApplicationDraft,
    ScoreRow,
    application_draft_create,
    application_draft_update,
    application_eligibility_record,
    application_submit,
    attachment_add,
    score_record,
    scores_import,
)
from coopcouncil.grants.services.awards import (
    AWARD,
    DECLINE,
    OUTCOMES,
    PART_AWARD,
    application_decide,
)
from coopcouncil.grants.services.call_in import award_standing_follow
from coopcouncil.grants.services.funds import (
    fund_create,
    fund_income_record,
    round_assessor_add,
    round_create,
)
from coopcouncil.grants.services.money import (
    clawback_record,
    instalment_approve,
    instalment_schedule,
    monitoring_report_request,
    monitoring_report_submit,
    saving_record,
)
from coopcouncil.grants.services.people import grants_erase
from coopcouncil.grants.services.tallies import tallies_rebuild

__all__ = [
    "award_standing_follow",
    "AWARD",
    "DRAFT_FIELDS",
    "DECLINE",
    "OUTCOMES",
    "PART_AWARD",
    "ApplicationDraft",
    "ScoreRow",
    "application_decide",
    "application_draft_create",
    "application_draft_update",
    "application_eligibility_record",
    "application_submit",
    "attachment_add",
    "clawback_record",
    "fund_create",
    "fund_income_record",
    "grants_erase",
    "instalment_approve",
    "instalment_schedule",
    "monitoring_report_request",
    "monitoring_report_submit",
    "round_assessor_add",
    "round_create",
    "saving_record",
    "scores_import",
    "score_record",
    "tallies_rebuild",
]
