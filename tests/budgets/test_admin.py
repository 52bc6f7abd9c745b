"""The admin shows devolved money but never edits it: changes go through the audited services."""


def test_an_administrator_reads_allocations_but_cannot_change_them(client, finance, need_formula):
    from django.contrib.auth import get_user_model

    from coopcouncil.budgets.services import allocation_adopt

    allocation = allocation_adopt(actor=finance, formula=need_formula)
    admin = get_user_model().objects.create_superuser("root@test.invalid", "pw-long-enough")
    client.force_login(admin)
    assert client.get("/admin/budgets/allocation/").status_code == 200
    page = client.get(f"/admin/budgets/allocation/{allocation.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    response = client.post(f"/admin/budgets/allocation/{allocation.pk}/change/", {"note": "x"})
    assert response.status_code == 403
