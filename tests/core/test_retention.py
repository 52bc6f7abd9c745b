"""Retention: every app says how long it keeps personal data; one command enforces it."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.core.audit import audit_record
from coopcouncil.core.interfaces import retention_rules
from coopcouncil.core.models import AuditEvent, RateLimitCount
from coopcouncil.core.retention import retention_apply, retention_apply_task
from coopcouncil.democracy.models import CallInSignature, DistrictPartnership
from coopcouncil.democracy.services.decisions import call_in_sign, decision_create, decision_publish
from coopcouncil.membership.models import Membership
from coopcouncil.people.interfaces import personal_data_sections
from coopcouncil.people.models import User

pytestmark = pytest.mark.django_db


def test_every_app_holding_personal_data_registers_retention_rules():
    """An app with a personal-data section (export/erasure) must say how long it keeps it."""
    holding = {section.app_label for section in personal_data_sections()} | {"people", "core"}
    ruled = {rule.app_label for rule in retention_rules()}
    assert holding - ruled == set()
    assert ruled <= {config.label for config in apps.get_app_configs()}
    for rule in retention_rules():
        assert rule.description and (rule.action == "kept") == (rule.enforce is None)


def test_apply_reports_each_type_and_a_dry_run_changes_nothing(make_user):
    old = timezone.now() - timedelta(days=400)
    unconfirmed = make_user(verified_email=False)
    User.objects.filter(pk=unconfirmed.pk).update(date_joined=old)
    RateLimitCount.objects.create(name="x:account:1", window_start=old, count=3)
    dry = {o.record_type: o for o in retention_apply(dry_run=True)}
    assert dry["people.unconfirmed_accounts"].count == 1
    assert dry["core.rate_limit_counters"].count == 1
    assert dry["democracy.public_record"].action == "kept"
    assert User.objects.filter(pk=unconfirmed.pk).exists() and RateLimitCount.objects.exists()
    done = {o.record_type: o.count for o in retention_apply()}
    assert (done["people.unconfirmed_accounts"], done["core.rate_limit_counters"]) == (1, 1)
    assert not User.objects.filter(pk=unconfirmed.pk).exists()
    assert retention_apply_task.call()["people.unconfirmed_accounts"] == 0  # nothing left


def test_periods_are_settings_and_public_aggregates_stay(
    settings, make_user, make_resident, make_role, ward
):
    """With every period at 0 days, personal fields go but call-in counts stay."""
    for rule in retention_rules():
        setattr(settings, rule.setting, 0)
    clerk = make_role("officer", team="clerk")
    partnership = DistrictPartnership.objects.create(district=ward.district, name="Partnership")
    decision = decision_create(actor=clerk, partnership=partnership, title="Close the library")
    decision = decision_publish(actor=clerk, decision=decision)
    signers = [make_resident(ward) for _ in range(3)]
    for signer in signers:
        call_in_sign(resident=signer, decision=decision)
    audit_record(actor=signers[0], action="test.named", target=decision, summary="named")
    events = AuditEvent.objects.count()
    make_user(verified_email=False)
    outcomes = {o.record_type: o.count for o in retention_apply(now=timezone.now() + timedelta(1))}
    assert outcomes["core.audit_actors"] == events and outcomes["people.unconfirmed_accounts"] == 1
    assert CallInSignature.objects.filter(petition__decision=decision).count() == 3
    assert AuditEvent.objects.count() == events
    assert not AuditEvent.objects.filter(actor__isnull=False).exists()
    assert User.objects.filter(pk__in=[s.pk for s in signers]).count() == 3


def test_the_command_reports_per_type_and_what_it_keeps_in_use(make_user):
    in_use = make_user(verified_email=False)
    Membership.objects.create(user=in_use, joined_at=timezone.now())
    User.objects.filter(pk=in_use.pk).update(date_joined=timezone.now() - timedelta(days=40))
    result = CliRunner().invoke(app, ["retention", "apply", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "people.unconfirmed_accounts: 0 would be removed (older than 30 days" in result.output
    assert "  1 kept, in use by membership.Membership.user\n" in result.output
    assert "democracy.public_record: kept for good" in result.output
