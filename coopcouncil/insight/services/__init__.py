"""Writes for insight; each checks its ``insight.*`` rule and records one audit event."""

from coopcouncil.insight.services.commitments import (
    commitment_create,
    commitment_update,
    milestone_add,
    milestone_complete,
)
from coopcouncil.insight.services.outcomes import (
    activity_link,
    indicator_create,
    measurements_import,
    outcome_create,
)
from coopcouncil.insight.services.participation import (
    participation_refresh,
    participation_refresh_queue,
    participation_refresh_task,
)
from coopcouncil.insight.services.people import insight_erase
from coopcouncil.insight.services.principles import principle_tag, principles_adopt, service_assess
from coopcouncil.insight.services.standards import (
    standard_create,
    standard_performance_record,
    standards_compute,
    standards_compute_task,
)

__all__ = [
    "activity_link",
    "commitment_create",
    "commitment_update",
    "indicator_create",
    "insight_erase",
    "measurements_import",
    "milestone_add",
    "milestone_complete",
    "outcome_create",
    "participation_refresh",
    "participation_refresh_queue",
    "participation_refresh_task",
    "principle_tag",
    "principles_adopt",
    "service_assess",
    "standard_create",
    "standard_performance_record",
    "standards_compute",
    "standards_compute_task",
]
