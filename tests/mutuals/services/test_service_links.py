"""A mutual's services link to its organisation's own contracts (procurement) and leased
assets (co-production): the secretary chooses, anything else is refused on its field, and the
public page links to the contract's and the asset's pages."""

from datetime import date

import pytest
from django.utils import timezone

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.mutuals import selectors, services

pytestmark = pytest.mark.django_db


def _holdings(organisation, ward, name: str):
    """A contract the organisation holds and an asset it leases."""
    from coopcouncil.coproduction.models import CommunityAsset, LeaseAgreement, LeaseApplication
    from coopcouncil.procurement.models import Contract

    contract = Contract.objects.create(
        title=f"{name} contract",
        route="quotation",
        supplier=organisation,
        value_pence=1_000_000,
        starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31),
        awarded_at=timezone.now(),
    )
    asset = CommunityAsset.objects.create(
        reference=f"{organisation.slug}-centre", name=f"{name} centre", kind="building",
        ward=ward, condition="good",
    )  # fmt: skip
    application = LeaseApplication.objects.create(
        asset=asset, organisation=organisation, terms="peppercorn", proposal="Run it."
    )
    LeaseAgreement.objects.create(
        application=application, asset=asset, organisation=organisation, terms="peppercorn",
        starts_on=date(2025, 4, 1), next_review_on=date(2027, 4, 1),
    )  # fmt: skip
    return contract, asset


@pytest.fixture
def held(mutual, ward):
    from coopcouncil.people.models import Organisation

    own = Organisation.objects.create(name="Youth Co-op Ltd", slug="youth-co-op-ltd", kind="youth")
    other = Organisation.objects.create(name="Someone Else", slug="someone-else", kind="business")
    mutual.organisation = own
    mutual.save(update_fields=["organisation"])
    return {"own": _holdings(own, ward, "Own"), "other": _holdings(other, ward, "Other")}


def test_the_secretary_links_a_service_to_its_own_contract_and_asset(mutual, secretary, held):
    contract, asset = held["own"]
    service = mutual.services.get()
    services.mutual_service_link(actor=secretary, service=service, contract=contract, asset=asset)
    service.refresh_from_db()
    assert (service.contract, service.asset) == (contract, asset)
    assert AuditEvent.objects.filter(action="mutuals.service_linked").count() == 1


def test_another_organisations_contract_or_asset_is_refused_on_its_field(mutual, secretary, held):
    other_contract, other_asset = held["other"]
    service = mutual.services.get()
    with pytest.raises(DomainError) as contract_refused:
        services.mutual_service_link(
            actor=secretary, service=service, contract=other_contract, asset=None
        )
    with pytest.raises(DomainError) as asset_refused:
        services.mutual_service_link(
            actor=secretary, service=service, contract=None, asset=other_asset
        )
    assert (contract_refused.value.code, contract_refused.value.field) == (
        "contract_not_the_mutuals",
        "contract",
    )
    assert asset_refused.value.field == "asset"
    service.refresh_from_db()
    assert service.contract is None and service.asset is None


def test_a_mutual_without_an_organisation_has_nothing_to_link(mutual):
    choices = selectors.service_link_choices(mutual)
    assert not choices.contracts.exists() and not choices.assets.exists()


def test_only_the_secretary_links_services(mutual, make_user, held):
    contract, _ = held["own"]
    with pytest.raises(NotAllowed):
        services.mutual_service_link(
            actor=make_user("A Member"),
            service=mutual.services.get(),
            contract=contract,
            asset=None,
        )


def test_the_public_page_links_the_contract_and_asset_pages(client, mutual, secretary, held):
    contract, asset = held["own"]
    services.mutual_service_link(
        actor=secretary, service=mutual.services.get(), contract=contract, asset=asset
    )
    page = client.get(f"/mutuals/{mutual.slug}/").content.decode()
    assert f'href="/procurement/contracts/{contract.pk}/"' in page
    assert f'href="/coproduction/assets/{asset.reference}/"' in page


def test_the_desk_form_offers_only_the_organisations_own_and_saves_the_choice(
    client, mutual, secretary, held
):
    contract, asset = held["own"]
    other_contract, _ = held["other"]
    service = mutual.services.get()
    client.force_login(secretary, backend="django.contrib.auth.backends.ModelBackend")
    desk = client.get(f"/mutuals/{mutual.slug}/manage/").content.decode()
    assert "Own contract" in desk and "Other contract" not in desk
    url = f"/mutuals/{mutual.slug}/services/{service.pk}/"
    refused = client.post(url, {f"service-{service.pk}-contract": other_contract.pk})
    assert refused.status_code == 400
    saved = client.post(
        url,
        {f"service-{service.pk}-contract": contract.pk, f"service-{service.pk}-asset": asset.pk},
    )
    assert saved.status_code == 302
    service.refresh_from_db()
    assert (service.contract, service.asset) == (contract, asset)


def test_the_api_links_a_service_and_shows_the_links(client, mutual, secretary, held):
    contract, asset = held["own"]
    service = mutual.services.get()
    client.force_login(secretary, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/api/v1/mutuals/register/{mutual.slug}/services/{service.pk}"
    body = {"contract_id": contract.pk, "asset_reference": asset.reference}
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "id": service.pk,
        "name": "Youth centres",
        "contract_id": contract.pk,
        "asset_reference": asset.reference,
    }
    other_contract, _ = held["other"]
    refused = client.put(url, {"contract_id": other_contract.pk}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "contract_not_the_mutuals"
