"""Proposal photos: only small JPEG/PNG/WebP images, served by the app with their own type."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coopcouncil.core.errors import DomainError
from coopcouncil.participation import photos, services
from coopcouncil.participation.models import Project

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _propose(client, process, photo, ward):
    return client.post(
        f"/pb/{process.pk}/propose/",
        {
            "title": "Bins",
            "description": "More bins",
            "cost": "100",
            "ward": ward.pk,
            "photo": photo,
        },
    )


def test_photo_is_served_by_the_app_with_its_image_type(client, make_process, make_resident, ward):
    process = make_process(open_voting=False)
    client.force_login(make_resident(ward))
    photo = SimpleUploadedFile("bins.png", PNG, content_type="image/png")
    assert _propose(client, process, photo, ward).status_code == 302
    project = Project.objects.get()
    assert project.photo.name.endswith(f"process-{process.pk}-project-{project.pk}.png")
    client.logout()
    response = client.get(f"/pb/{process.pk}/projects/{project.pk}/photo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG
    page = client.get(f"/pb/{process.pk}/projects/{project.pk}/").content.decode()
    assert f'src="/pb/{process.pk}/projects/{project.pk}/photo" alt="Bins"' in page


def test_photo_is_shown_with_its_title_on_process_ballot_and_results_pages(
    client, make_process, make_resident, make_voter, clerk, ward
):
    process = make_process(open_voting=False)
    project = services.proposal_submit(
        actor=make_resident(ward),
        process=process,
        title="Green wall",
        description="",
        estimated_cost_pence=100,
        photo=SimpleUploadedFile("wall.webp", WEBP),
    )
    services.proposal_review(
        actor=clerk, project=project, is_feasible=True, reason="ok", final_cost_pence=100
    )
    services.process_phase_advance(actor=clerk, process=process)
    services.process_phase_advance(actor=clerk, process=process)
    tag = f'src="/pb/{process.pk}/projects/{project.pk}/photo" alt="Green wall"'
    assert tag in client.get(f"/pb/{process.pk}/").content.decode()
    voter = make_voter(ward)
    client.force_login(voter)
    assert tag in client.get(f"/pb/{process.pk}/vote/").content.decode()
    services.ballot_cast(voter=voter, process=process, choices=[project.code])
    services.voting_close(actor=clerk, process=process)
    assert tag in client.get(f"/pb/{process.pk}/results/").content.decode()
    photo = client.get(f"/pb/{process.pk}/projects/{project.pk}/photo")
    assert photo["Content-Type"] == "image/webp"


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(
    client, make_process, make_resident, ward
):
    process = make_process(open_voting=False)
    client.force_login(make_resident(ward))
    fake = SimpleUploadedFile("bins.png", b"%PDF-1.7 not an image", content_type="image/png")
    response = _propose(client, process, fake, ward)
    assert response.status_code == 400
    assert "The photo must be a JPEG, PNG or WebP image." in response.content.decode()
    assert not Project.objects.exists()


def test_a_photo_of_5_mb_or_more_is_refused(client, make_process, make_resident, ward):
    process = make_process(open_voting=False)
    client.force_login(make_resident(ward))
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"\x00" * photos.MAX_PHOTO_BYTES)
    response = _propose(client, process, big, ward)
    assert response.status_code == 400
    assert "it must be under 5 MB" in response.content.decode()
    assert not Project.objects.exists()


def test_service_refuses_a_non_image_photo_on_the_photo_field(make_process, make_resident, ward):
    process = make_process(open_voting=False)
    with pytest.raises(DomainError) as refused:
        services.proposal_submit(
            actor=make_resident(ward),
            process=process,
            title="Bins",
            description="",
            estimated_cost_pence=100,
            photo=SimpleUploadedFile("x.jpg", b"GIF89a........"),
        )
    assert (refused.value.code, refused.value.field) == ("pb_photo_not_image", "photo")
    assert not Project.objects.exists()


def test_project_without_a_photo_has_no_photo_url(client, make_process):
    process = make_process([("Benches", 300_000)])
    project = process.projects.get()
    assert client.get(f"/pb/{process.pk}/projects/{project.pk}/photo").status_code == 404
    assert "/photo" not in client.get(f"/pb/{process.pk}/").content.decode()


def test_a_photo_whose_file_is_missing_is_the_404_page_not_a_server_error(
    client, make_process, make_resident, ward
):
    """A record can outlive its file (a restore without the files): the reader gets a 404."""
    process = make_process(open_voting=False)
    client.force_login(make_resident(ward))
    photo = SimpleUploadedFile("bins.png", PNG, content_type="image/png")
    assert _propose(client, process, photo, ward).status_code == 302
    project = Project.objects.get()
    project.photo.storage.delete(project.photo.name)
    response = client.get(f"/pb/{process.pk}/projects/{project.pk}/photo")
    assert response.status_code == 404
    assert "no photo" in response.content.decode()
