"""The admin never deletes an account: erasure is the way out (it keeps public figures)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_offers_no_way_to_delete_an_account(admin_client, make_user):
    person = make_user("Pat Member")
    assert admin_client.get(f"/admin/people/user/{person.pk}/delete/").status_code == 403
    assert (
        admin_client.post(f"/admin/people/user/{person.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    changelist = admin_client.get("/admin/people/user/").content.decode()
    assert "delete_selected" not in changelist
    assert type(person).objects.filter(pk=person.pk).exists()
