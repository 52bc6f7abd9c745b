"""Tags and outcome links reach every kind of record issue 17 names, each at its public page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coopcouncil.core.errors import DomainError
from coopcouncil.insight.models import ActivityLink, PrincipleTag
from coopcouncil.insight.selectors import LINK_KINDS, TAG_KINDS, subjects_find
from coopcouncil.insight.services import activity_link, principle_tag, principles_adopt

# Issue 17: "Decisions, PB projects, grants, contracts and assets can be tagged with them";
# "Links from activities (PB projects, grants, volunteering, contracts) to outcomes".
ISSUE_TAGGED = {"decision", "pb_project", "grant", "contract", "asset"}
ISSUE_LINKED = {"pb_project", "grant", "volunteering", "contract"}


def test_every_kind_the_issue_names_can_be_tagged_and_linked():
    assert set(TAG_KINDS) == ISSUE_TAGGED
    assert set(LINK_KINDS) == ISSUE_LINKED


def _public_url(kind: str, record) -> str:
    if kind == "decision":
        return reverse("democracy:decision", args=[record.pk])
    if kind == "pb_project":
        return reverse("participation:project", args=[record.process_id, record.pk])
    if kind == "grant":
        return reverse("democracy:decision", args=[record.decision_id])
    if kind == "contract":
        return reverse("procurement:contract", args=[record.pk])
    if kind == "asset":
        return reverse("coproduction:asset", args=[record.reference])
    return reverse("coproduction:opportunity", args=[record.pk])


@pytest.mark.parametrize("kind", sorted(ISSUE_TAGGED | ISSUE_LINKED))
def test_each_kind_is_found_with_its_public_page(subjects, client, kind):
    record = subjects[kind]
    found = subjects_find([(kind, record.pk)])[(kind, record.pk)]
    assert found.url == _public_url(kind, record)
    assert client.get(found.url).status_code == 200


def test_finding_every_kind_takes_one_query_per_kind(subjects, django_assert_max_num_queries):
    pairs = [(kind, record.pk) for kind, record in subjects.items()]
    # Decisions come with their wards prefetched (democracy's decision_list): one more.
    with django_assert_max_num_queries(len(subjects) + 1):
        assert len(subjects_find(pairs)) == len(subjects)


def test_a_grant_not_awarded_is_not_a_subject(subjects):
    award = subjects["grant"]
    award.status = "declined"
    award.save()
    assert subjects_find([("grant", award.pk)]) == {}


@pytest.mark.parametrize("kind", sorted(ISSUE_TAGGED))
def test_an_officer_tags_each_kind_with_a_principle(officer, subjects, kind):
    version = principles_adopt(
        actor=officer,
        name="2016",
        adopted_on=subjects["decision"].published_at.date(),
        principles=[("Co-production", "")],
    )
    principle_tag(
        actor=officer,
        principle=version.principles.get(),
        subject_kind=kind,
        subject_id=subjects[kind].pk,
    )
    assert PrincipleTag.objects.get().subject_kind == kind


@pytest.mark.parametrize("kind", sorted(ISSUE_LINKED))
def test_an_officer_links_each_activity_kind_to_an_outcome(officer, outcome, subjects, kind):
    activity_link(
        actor=officer,
        outcome=outcome,
        subject_kind=kind,
        subject_id=subjects[kind].pk,
        strength="observed",
    )
    assert ActivityLink.objects.get().subject_kind == kind


def test_volunteering_is_linked_but_not_tagged_and_an_asset_tagged_but_not_linked(
    officer, outcome, subjects
):
    version = principles_adopt(
        actor=officer,
        name="2016",
        adopted_on=subjects["decision"].published_at.date(),
        principles=[("Co-production", "")],
    )
    with pytest.raises(DomainError) as raised:
        principle_tag(
            actor=officer,
            principle=version.principles.get(),
            subject_kind="volunteering",
            subject_id=subjects["volunteering"].pk,
        )
    assert raised.value.code == "subject_kind_unknown"
    with pytest.raises(DomainError) as raised:
        activity_link(
            actor=officer,
            outcome=outcome,
            subject_kind="asset",
            subject_id=subjects["asset"].pk,
            strength="observed",
        )
    assert raised.value.code == "subject_kind_unknown"
