"""The permission matrix's borough, built once per test module and rolled back after it."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture(scope="module")
def borough(django_db_setup, django_db_blocker, papers_root, photos_root):
    """One person per role and the objects the matrix's pages need (``matrix_borough``).

    Module-scoped so the matrix's many requests share one build: it is made inside a
    transaction that is rolled back when the module ends, and each test's own ``db``
    transaction nests inside it. Its papers and photos are stored in the folders every
    test reads them from (tests/conftest.py): the build runs before any test's settings
    apply, and would otherwise store them in the checkout's var/.
    """
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    from coopcouncil.demo.borough import _load_places
    from coopcouncil.places.models import Ward
    from tests.config.matrix_borough import borough_build

    hashers = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    folders = override_settings(PAPERS_ROOT=papers_root, MEDIA_ROOT=photos_root)
    with folders, django_db_blocker.unblock(), transaction.atomic():
        _load_places()
        built = borough_build(
            Ward.objects.get(slug="coldhurst"), Ward.objects.get(slug="saddleworth-south")
        )
        yield built
        transaction.set_rollback(True)
    settings.PASSWORD_HASHERS = hashers


@pytest.fixture(scope="module")
def clients(borough):
    """A signed-in client per role (anonymous: none), made once for the module."""
    made = {}
    for role, user in borough.people.items():
        client = Client()
        if user.is_authenticated:
            client.force_login(user)
        made[role] = client
    return made
