"""`coopcouncil coproduction ...`: the gritting alert and the all-or-nothing asset import."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.coproduction.models import CommunityAsset, GrittingAlert, Shift
from coopcouncil.coproduction.services import (
    gritting_route_add,
    gritting_route_adopt,
    shift_add,
    shift_sign_up,
)

runner = CliRunner()
pytestmark = pytest.mark.django_db(transaction=True)


def test_grit_alert_tells_the_districts_route_volunteers(asset_officer, volunteer, ward):
    route = gritting_route_add(actor=asset_officer, ward=ward, name="Rochdale Road")
    gritting_route_adopt(actor=volunteer, route=route)
    result = runner.invoke(app, ["coproduction", "grit-alert", ward.district.slug])
    assert result.exit_code == 0, result.output
    assert "sent to 1 volunteers" in result.output
    assert GrittingAlert.objects.get().volunteers_told == 1
    assert [message.to for message in mail.outbox] == [[volunteer.email]]


def test_grit_alert_for_an_unknown_district_exits_1(places):
    result = runner.invoke(app, ["coproduction", "grit-alert", "atlantis"])
    assert result.exit_code == 1
    assert "There is no district 'atlantis'" in result.output


def test_import_assets_adds_every_row(places, tmp_path):
    path = tmp_path / "assets.csv"
    path.write_text(
        "reference,name,kind,ward\nhall,Hall,building,coldhurst\npark,Park,park,werneth\n"
    )
    result = runner.invoke(app, ["coproduction", "import-assets", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 assets imported" in result.output
    assert CommunityAsset.objects.count() == 2


def test_import_assets_with_a_bad_row_writes_nothing_and_names_the_row(places, tmp_path):
    path = tmp_path / "assets.csv"
    path.write_text(
        "reference,name,kind,ward\nhall,Hall,building,coldhurst\npark,Park,castle,atlantis\n"
    )
    result = runner.invoke(app, ["coproduction", "import-assets", str(path)])
    assert result.exit_code == 1
    assert "row 3: kind: must be one of" in result.output
    assert "row 3: ward: no ward 'atlantis'" in result.output
    assert not CommunityAsset.objects.exists()


def test_import_assets_of_a_missing_file_exits_1(tmp_path):
    result = runner.invoke(app, ["coproduction", "import-assets", str(tmp_path / "none.csv")])
    assert result.exit_code == 1 and "does not exist" in result.output


def test_remind_emails_the_volunteers_of_shifts_starting_soon(organiser, opportunity, volunteer):
    starts = timezone.now() + timedelta(hours=6)
    shift = shift_add(
        actor=organiser,
        opportunity=opportunity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        places=2,
    )
    shift_sign_up(actor=volunteer, shift=shift)
    mail.outbox.clear()
    result = runner.invoke(app, ["coproduction", "remind"])
    assert result.exit_code == 0 and "1 shifts reminded" in result.output
    assert [message.to for message in mail.outbox] == [[volunteer.email]]
    assert Shift.objects.get(pk=shift.pk).is_reminded
