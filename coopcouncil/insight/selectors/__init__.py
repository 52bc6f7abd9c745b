"""Reads for insight: participation at scale, outcomes, commitments, standards, principles,
the social map. Everything here is public; none of it names a private person."""

from coopcouncil.insight.selectors.commitments import (
    CommitmentRow,
    commitment_get,
    commitment_list,
    commitment_rows,
    milestone_get,
)
from coopcouncil.insight.selectors.outcomes import (
    AreaTrend,
    LinkedActivity,
    indicator_get,
    indicator_list,
    indicator_rows_for_export,
    indicator_trends,
    indicators_last_updated,
    outcome_activities,
    outcome_get,
    outcome_list,
)
from coopcouncil.insight.selectors.participation import (
    SOURCE_PROVIDERS,
    ParticipationAtScale,
    participation_at_scale,
    participation_counts,
    participation_figures,
    participation_sources,
)
from coopcouncil.insight.selectors.people import (
    MyParticipation,
    insight_personal_data,
    my_participation,
)
from coopcouncil.insight.selectors.principles import (
    principle_get,
    principles_current,
    principles_in_practice,
    principles_of,
    principles_versions,
    services_productivity,
)
from coopcouncil.insight.selectors.social_map import social_map
from coopcouncil.insight.selectors.standards import (
    MEASURES,
    measure_choices,
    standard_get,
    standard_list,
    standard_rows_for_export,
    standards_last_updated,
    standards_performance,
)
from coopcouncil.insight.selectors.subjects import SUBJECT_KINDS, subject_get, subjects_find

__all__ = [
    "MEASURES",
    "SOURCE_PROVIDERS",
    "SUBJECT_KINDS",
    "AreaTrend",
    "CommitmentRow",
    "LinkedActivity",
    "MyParticipation",
    "ParticipationAtScale",
    "commitment_get",
    "commitment_list",
    "commitment_rows",
    "indicator_get",
    "indicator_list",
    "indicator_rows_for_export",
    "indicator_trends",
    "indicators_last_updated",
    "insight_personal_data",
    "measure_choices",
    "my_participation",
    "milestone_get",
    "outcome_activities",
    "outcome_get",
    "outcome_list",
    "participation_at_scale",
    "participation_counts",
    "participation_figures",
    "participation_sources",
    "principle_get",
    "principles_current",
    "principles_in_practice",
    "principles_of",
    "principles_versions",
    "services_productivity",
    "social_map",
    "standard_get",
    "standard_list",
    "standard_rows_for_export",
    "standards_last_updated",
    "standards_performance",
    "subject_get",
    "subjects_find",
]
