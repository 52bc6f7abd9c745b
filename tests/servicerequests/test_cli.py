"""`coopcouncil open311`: a key printed once, listed by its start, revoked; boundaries loaded."""

import json

import pytest
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.core.logic.keys import key_hash
from coopcouncil.servicerequests.models import ApiKey, WardBoundary

runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_create_key_prints_the_key_once_and_keeps_only_its_hash():
    result = runner.invoke(app, ["open311", "create-key", "FixMyStreet"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip().splitlines()[0]
    assert ApiKey.objects.get().key_hash == key_hash(key)
    listed = runner.invoke(app, ["open311", "list-keys"])
    assert "FixMyStreet" in listed.stdout and key not in listed.stdout


def test_revoke_key_stops_it_and_an_unknown_number_exits_non_zero():
    runner.invoke(app, ["open311", "create-key", "App"])
    api_key = ApiKey.objects.get()
    assert runner.invoke(app, ["open311", "revoke-key", str(api_key.pk)]).exit_code == 0
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    again = runner.invoke(app, ["open311", "revoke-key", str(api_key.pk)])
    assert again.exit_code == 1
    assert runner.invoke(app, ["open311", "revoke-key", "999"]).exit_code == 1


def test_a_blank_name_is_refused():
    result = runner.invoke(app, ["open311", "create-key", " "])
    assert result.exit_code == 1 and not ApiKey.objects.exists()


def test_load_boundaries_is_all_or_nothing(places, tmp_path):
    from coopcouncil.servicerequests.demo import BOUNDARIES_FILE

    collection = json.loads(BOUNDARIES_FILE.read_text())
    collection["features"][3]["properties"]["ward_code"] = "NOWHERE"
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(collection))
    result = runner.invoke(app, ["open311", "load-boundaries", str(bad)])
    assert result.exit_code == 1 and "row 4" in result.output
    assert not WardBoundary.objects.exists()
    good = runner.invoke(app, ["open311", "load-boundaries", str(BOUNDARIES_FILE)])
    assert good.exit_code == 0 and WardBoundary.objects.count() == 20
    assert runner.invoke(app, ["open311", "load-boundaries", "missing.json"]).exit_code == 1
