"""The pages: the public register and results, members voting, the secretary's desk."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from coopcouncil.mutuals import services
from coopcouncil.mutuals.models import BallotParticipation, ElectionParticipation
from tests.conftest import counted_get


def test_the_register_and_a_mutuals_page_are_public(client, mutual, classes):
    page = client.get(reverse("mutuals:index"))
    assert page.status_code == 200 and "Youth Co-op" in page.content.decode()
    detail = client.get(reverse("mutuals:detail", args=[mutual.slug]))
    assert detail.status_code == 200 and "Young people" in detail.content.decode()
    assert client.get(reverse("mutuals:detail", args=["nothing"])).status_code == 404


def test_the_register_page_reads_a_fixed_number_of_queries(client, administrator):
    for number in range(3):
        services.mutual_register(
            actor=administrator,
            name=f"Co-op {number}",
            legal_form="cooperative_society",
            services=["A", "B"],
        )
    few, _ = counted_get(client, reverse("mutuals:index"))
    services.mutual_register(
        actor=administrator, name="Co-op more", legal_form="cooperative_society", services=["C"]
    )
    more, _ = counted_get(client, reverse("mutuals:index"))
    assert more == few


def test_a_member_votes_in_a_ballot_once_from_the_page(client, make_member, open_ballot):
    member = make_member()
    ballot = open_ballot()
    client.force_login(member.user)
    page = client.get(reverse("mutuals:ballot", args=[ballot.pk]))
    assert 'name="choice"' in page.content.decode()
    voted = client.post(reverse("mutuals:ballot_vote", args=[ballot.pk]), {"choice": "yes"})
    assert voted.status_code == 302
    again = client.post(reverse("mutuals:ballot_vote", args=[ballot.pk]), {"choice": "no"})
    assert again.status_code == 409
    assert "already voted" in again.content.decode()
    assert BallotParticipation.objects.count() == 1


def test_a_member_ranks_candidates_and_a_gap_is_refused(client, make_member, open_election):
    member = make_member()
    election = open_election()
    client.force_login(member.user)
    url = reverse("mutuals:election_vote", args=[election.pk])
    gap = client.post(url, {"preference_1": "2", "preference_3": "1"})
    assert gap.status_code == 400
    assert client.post(url, {"preference_1": "2", "preference_2": "1"}).status_code == 302
    page = client.get(reverse("mutuals:election", args=[election.pk]))
    assert "You have voted in this election." in page.content.decode()
    assert ElectionParticipation.objects.count() == 1


def test_the_count_is_published_stage_by_stage(client, secretary, open_election):
    election = open_election()
    services.election_ballots_import(
        actor=secretary,
        election=election,
        text="count,1,2\n5,Ann,Ben\n3,Cat\n1,Dan,Cat\n",
        file_format="csv",
    )
    election.closes_at = timezone.now() - timedelta(minutes=1)
    election.save(update_fields=["closes_at"])
    client.force_login(secretary)
    assert client.post(reverse("mutuals:election_count", args=[election.pk])).status_code == 302
    page = client.get(reverse("mutuals:election", args=[election.pk])).content.decode()
    assert "Stage 1" in page and "Quota" in page
    ballots = client.get(reverse("mutuals:election_ballots", args=[election.pk, "blt"]))
    assert ballots.status_code == 200 and b'"Ann"' in ballots.content


def test_the_secretarys_desk_is_refused_to_others_and_adds_members(
    client, mutual, secretary, classes, make_user
):
    stranger = make_user()
    client.force_login(stranger)
    assert client.get(reverse("mutuals:manage", args=[mutual.slug])).status_code == 403
    client.force_login(secretary)
    assert client.get(reverse("mutuals:manage", args=[mutual.slug])).status_code == 200
    added = client.post(
        reverse("mutuals:member_add", args=[mutual.slug]),
        {"email": stranger.email, "classes": [classes["individuals"].pk]},
    )
    assert added.status_code == 302
    refused = client.post(
        reverse("mutuals:member_add", args=[mutual.slug]),
        {"email": "nobody@x.invalid", "classes": [classes["individuals"].pk]},
    )
    assert (
        refused.status_code == 400
        and "No account has that email address." in refused.content.decode()
    )


def test_the_open_dataset_has_no_personal_data(client, make_member, open_ballot):
    member = make_member()
    open_ballot()
    body = client.get(reverse("mutuals:register_json")).content.decode()
    assert member.user.email not in body and member.user.full_name not in body
    assert "Youth Co-op" in body


def test_the_profile_lists_my_memberships_and_ballots_to_vote_in(client, make_member, open_ballot):
    member = make_member()
    ballot = open_ballot()
    client.force_login(member.user)
    page = client.get(reverse("people:profile")).content.decode()
    assert "Youth Co-op" in page and ballot.question in page


def test_spin_out_pages_show_the_stages_and_let_procurement_sign_off(client, make_role):
    officer = make_role("officer", team="procurement")
    client.force_login(officer)
    created = client.post(reverse("mutuals:spin_outs"), {"service": "Leisure"})
    assert created.status_code == 302
    page = client.get(created.url).content.decode()
    assert "Suitability assessment" in page and "Contract re-tender date" in page


def test_the_district_page_lists_the_co_operatives_of_the_district(client, administrator, ward):
    services.mutual_register(
        actor=administrator,
        name="Coldhurst Energy",
        legal_form="community_benefit_society",
        district=ward.district,
    )
    page = client.get(reverse("places:district", args=[ward.district.slug]))
    assert "Coldhurst Energy" in page.content.decode()


def test_the_election_page_reads_a_fixed_number_of_queries_however_many_voted(
    client, make_member, open_election
):
    members = [make_member() for _ in range(6)]
    election = open_election()
    url = reverse("mutuals:election", args=[election.pk])
    services.election_vote(actor=members[0].user, election=election, ranking=[1, 2])
    few, _ = counted_get(client, url)
    for number, member in enumerate(members[1:]):
        services.election_vote(actor=member.user, election=election, ranking=[number % 4 + 1])
    more, _ = counted_get(client, url)
    assert more == few


def test_a_governance_paper_whose_file_is_missing_is_the_404_page_not_a_server_error(
    client, mutual, secretary
):
    """A record can outlive its file (a restore without the files): the reader gets a 404."""
    paper = services.paper_publish(
        actor=secretary,
        mutual=mutual,
        body="board",
        meeting_on=timezone.localdate(),
        title="Board minutes",
        content=b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n",
    )
    paper.file.storage.delete(paper.file.name)
    response = client.get(reverse("mutuals:paper", args=[paper.pk]))
    assert response.status_code == 404
    assert "file is missing" in response.content.decode()
