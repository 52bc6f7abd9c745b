"""Logic tests need no database and no settings, so they also run with ``-p no:django``."""

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords():
    """Replace the root conftest's Django-settings fixture: pure logic hashes no passwords."""
