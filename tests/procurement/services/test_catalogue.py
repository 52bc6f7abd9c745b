"""The measures catalogue through the services: officers keep it, codes stay fixed, bids keep
the proxy value of the day they were made, and each change leaves an audit record."""

import pytest

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.procurement.models import Measure, MeasureOutcome, MeasureTheme
from coopcouncil.procurement.services import (
    measure_create,
    measure_outcome_create,
    measure_outcome_update,
    measure_theme_create,
    measure_theme_update,
    measure_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcome(officer):
    theme = measure_theme_create(actor=officer, name="Jobs")
    return measure_outcome_create(actor=officer, theme=theme, name="Local people in work")


def test_an_officer_builds_themes_outcomes_and_measures_and_each_is_audited(officer, outcome):
    measure = measure_create(
        actor=officer,
        outcome=outcome,
        code="local-fte",
        name="Local people hired",
        unit="FTE",
        proxy_value_pence=3_148_700,
    )
    assert measure.outcome.theme.slug == "jobs"
    assert set(
        AuditEvent.objects.filter(action__startswith="procurement.").values_list(
            "action", flat=True
        )
    ) == {"procurement.theme_added", "procurement.outcome_added", "procurement.measure_added"}


def test_a_theme_or_outcome_of_a_taken_name_is_a_conflict(officer, outcome):
    with pytest.raises(Conflict) as refused:
        measure_theme_create(actor=officer, name="jobs")
    assert (refused.value.code, refused.value.field) == ("theme_exists", "name")
    with pytest.raises(Conflict):
        measure_outcome_create(actor=officer, theme=outcome.theme, name="Local people in work")
    assert MeasureTheme.objects.count() == MeasureOutcome.objects.count() == 1


def test_renaming_keeps_the_slug_so_links_still_work(officer, outcome):
    theme = measure_theme_update(actor=officer, theme=outcome.theme, name="Jobs and skills")
    other = measure_theme_create(actor=officer, name="Planet")
    moved = measure_outcome_update(actor=officer, outcome=outcome, theme=other, name="Green jobs")
    assert (theme.slug, theme.name) == ("jobs", "Jobs and skills")
    assert (moved.slug, moved.theme) == ("local-people-in-work", other)


def test_a_changed_proxy_value_leaves_bids_already_made_at_theirs(officer, bids):
    bid, _ = bids[0]
    offer = bid.offers.select_related("measure").first()
    measure = offer.measure
    before = offer.proxy_value_pence
    measure_update(
        actor=officer,
        measure=measure,
        outcome=measure.outcome,
        name=measure.name,
        unit=measure.unit,
        proxy_value_pence=before * 2,
    )
    offer.refresh_from_db()
    assert offer.proxy_value_pence == before
    assert Measure.objects.get(pk=measure.pk).proxy_value_pence == before * 2


def test_a_negative_proxy_or_a_code_that_is_not_a_slug_is_refused(officer, outcome):
    values = {"actor": officer, "outcome": outcome, "name": "Trees", "unit": "trees"}
    with pytest.raises(DomainError) as negative:
        measure_create(**values, code="trees", proxy_value_pence=-1)
    with pytest.raises(DomainError) as bad_code:
        measure_create(**values, code="trees planted", proxy_value_pence=500)
    assert (negative.value.code, negative.value.field) == ("proxy_negative", "proxy_value_pence")
    assert (bad_code.value.code, bad_code.value.field) == ("code_invalid", "code")
    assert not Measure.objects.exists()


def test_only_procurement_officers_keep_the_catalogue(make_role, outcome):
    district_manager = make_role("officer", team="district_team")
    with pytest.raises(NotAllowed):
        measure_theme_create(actor=district_manager, name="Health")
    with pytest.raises(NotAllowed):
        measure_outcome_update(
            actor=district_manager, outcome=outcome, theme=outcome.theme, name="Anything"
        )
