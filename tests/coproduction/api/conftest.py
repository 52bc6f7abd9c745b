import json

import pytest


@pytest.fixture
def post(client):
    """POST JSON as ``user`` (or anonymously) and return the response."""

    def send(url, body=None, user=None):
        if user is not None:
            client.force_login(user)
        else:
            client.logout()
        return client.post(url, json.dumps(body or {}), content_type="application/json")

    return send
