"""PB pages and API reads run as many queries for a big process as for a small one.

Each test builds a small process (SMALL projects, ballots, headings) and one ten times as big,
then counts the queries one request of the same page runs for each: the counts must be equal.
"""

from __future__ import annotations

import pytest

from coopcouncil.participation import services
from coopcouncil.participation.models import PBProcess
from coopcouncil.people.models import Organisation, RoleAssignment
from tests.conftest import counted_get

pytestmark = pytest.mark.django_db

SMALL = 2
LARGE = 10 * SMALL


@pytest.fixture
def build_process(make_process, make_voter, clerk, district):
    """A process with `size` ward headings, one project in each (every other one proposed for
    a community group), and `size` ballots from residents of the district's wards. Voting is
    closed and counted unless `counted` is false; returns the process and its last voter."""
    wards = list(district.wards.order_by("name"))

    def build(size: int, *, counted: bool = True):
        headings = tuple(
            services.HeadingPlan(f"Heading {i}", 1_000_000, ward=wards[i % len(wards)])
            for i in range(size)
        )
        process = make_process(
            title=f"Pot of {size}", budget_pence=1_000_000 * size, headings=headings
        )
        for i, heading in enumerate(process.headings.order_by("pk")):
            proposer = make_voter(heading.ward)
            group = None
            if i % 2:
                group = Organisation.objects.create(
                    name=f"Group {process.pk}-{i}",
                    slug=f"group-{process.pk}-{i}",
                    kind="community_group",
                )
                RoleAssignment.objects.create(
                    user=proposer, role="group_member", organisation=group
                )
            project = services.proposal_submit(
                actor=proposer,
                process=process,
                title=f"Project {i}",
                description="A project.",
                ward=heading.ward,
                heading=heading,
                community_group=group,
                estimated_cost_pence=10_000 * (i + 1),
            )
            services.proposal_review(
                actor=clerk, project=project, is_feasible=True, reason="ok",
                final_cost_pence=project.estimated_cost_pence,
            )  # fmt: skip
        services.process_phase_advance(actor=clerk, process=process)
        services.process_phase_advance(actor=clerk, process=process)
        codes = list(process.projects.order_by("pk").values_list("code", flat=True))
        for i in range(size):
            voter = make_voter(wards[i % len(wards)])
            services.ballot_cast(voter=voter, process=process, choices=codes[: i + 1])
        if counted:
            services.voting_close(actor=clerk, process=process)
        process.refresh_from_db()
        return process, voter

    return build


def _counts_for_both(client, build_process, urls, *, who=None, counted=True):
    """The query count of each page (`urls(process, voter)` gives them by name) for a small
    process and for a large one, signed in as `who` ("voter": the process's own voter)."""
    counts = []
    for size in (SMALL, LARGE):
        process, voter = build_process(size, counted=counted)
        person = voter if who == "voter" else who
        if person is None:
            client.logout()
        else:
            client.force_login(person)
        counts.append({name: counted_get(client, url)[0] for name, url in urls(process).items()})
    return counts


def test_process_page_queries_do_not_grow_with_proposals(client, build_process, clerk):
    def urls(process):
        return {"process": f"/pb/{process.pk}/"}

    for who in (None, clerk):
        small, large = _counts_for_both(client, build_process, urls, who=who)
        assert small == large


def test_proposal_review_list_queries_do_not_grow_with_proposals(client, build_process, clerk):
    small, large = _counts_for_both(
        client, build_process, lambda process: {"review": f"/pb/{process.pk}/review/"}, who=clerk
    )
    assert small == large


def test_project_page_queries_do_not_grow_with_the_process(client, build_process):
    def urls(process):
        project = process.projects.order_by("pk").last()
        return {"project": f"/pb/{process.pk}/projects/{project.pk}/"}

    small, large = _counts_for_both(client, build_process, urls)
    assert small == large


def test_results_page_queries_do_not_grow_with_projects(client, build_process, clerk):
    def urls(process):
        return {"results": f"/pb/{process.pk}/results/"}

    for who in (None, clerk):
        small, large = _counts_for_both(client, build_process, urls, who=who)
        assert small == large


def test_delivery_page_queries_do_not_grow_with_funded_projects(client, build_process, clerk):
    def urls(process):
        return {"delivery": f"/pb/{process.pk}/delivery/"}

    for who in (None, clerk):
        small, large = _counts_for_both(client, build_process, urls, who=who)
        assert small == large


def test_ballot_page_queries_do_not_grow_with_projects_for_a_verified_resident(
    client, build_process
):
    def urls(process):
        return {"ballot": f"/pb/{process.pk}/vote/", "process": f"/pb/{process.pk}/"}

    small, large = _counts_for_both(client, build_process, urls, who="voter", counted=False)
    assert small == large


def test_pabulib_export_queries_do_not_grow_with_headings(client, build_process):
    """Each project's category is its heading's name, read in the projects' own query."""

    def urls(process):
        return {
            "page": f"/pb/{process.pk}/export.pb",
            "api": f"/api/v1/pb/processes/{process.pk}/pabulib",
        }

    small, large = _counts_for_both(client, build_process, urls)
    assert small == large


def test_api_process_reads_do_not_grow_with_projects_and_headings(client, build_process):
    def urls(process):
        api = f"/api/v1/pb/processes/{process.pk}"
        return {
            "process": api,
            "projects": f"{api}/projects",
            "proposals": f"{api}/proposals",
            "results": f"{api}/results",
            "delivery": f"{api}/delivery",
        }

    small, large = _counts_for_both(client, build_process, urls)
    assert small == large


def test_api_ballot_read_queries_do_not_grow_with_projects(client, build_process):
    def urls(process):
        return {"ballot": f"/api/v1/pb/processes/{process.pk}/ballot"}

    small, large = _counts_for_both(client, build_process, urls, who="voter", counted=False)
    assert small == large


def test_process_lists_queries_do_not_grow_with_processes(client, make_process, ward):
    """The PB index, the API list and the district page's PB section, for 2 and 20 processes."""
    headings = (services.HeadingPlan("Coldhurst", 500_000, ward=ward),)
    urls = ("/pb/", "/api/v1/pb/processes", f"/districts/{ward.district.slug}/")
    counts = []
    for size in (SMALL, LARGE):
        while PBProcess.objects.count() < size:
            make_process(title=f"Pot {PBProcess.objects.count()}", headings=headings)
        counts.append({url: counted_get(client, url)[0] for url in urls})
    assert counts[0] == counts[1]
