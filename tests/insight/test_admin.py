"""The admin shows insight's records but never edits them: changes go through the services."""


def test_an_administrator_reads_commitments_but_cannot_add_one(client, db):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root@test.invalid", "pw-long-enough")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/admin/insight/commitment/").status_code == 200
    assert client.get("/admin/insight/participationfigure/").status_code == 200
    assert client.get("/admin/insight/commitment/add/").status_code == 403
