"""A mutual's service links to procurement's contract and co-production's asset.

The plain-text references become real links: a contract reference is the contract's number
as published (``12``, ``contract-12`` or an OCDS ocid ending ``-contract-12``), an asset
reference is the asset's register reference. A reference that names no record stops the
migration with its service named, so no reference is dropped unread.
"""

import re

import django.db.models.deletion
from django.db import migrations, models

CONTRACT_NUMBER = re.compile(r"(?:^|contract-)(\d+)$")


def references_link(apps, schema_editor):
    MutualService = apps.get_model("mutuals", "MutualService")
    Contract = apps.get_model("procurement", "Contract")
    CommunityAsset = apps.get_model("coproduction", "CommunityAsset")
    unresolved = []
    for service in MutualService.objects.exclude(contract_reference="", asset_reference=""):
        contract_reference = service.contract_reference.strip()
        if contract_reference:
            number = CONTRACT_NUMBER.search(contract_reference)
            service.contract = (
                Contract.objects.filter(pk=int(number.group(1))).first() if number else None
            )
            if service.contract is None:
                unresolved.append(f"{service.pk} contract '{contract_reference}'")
        asset_reference = service.asset_reference.strip()
        if asset_reference:
            service.asset = CommunityAsset.objects.filter(reference=asset_reference).first()
            if service.asset is None:
                unresolved.append(f"{service.pk} asset '{asset_reference}'")
        service.save(update_fields=["contract", "asset"])
    if unresolved:
        raise RuntimeError(
            "These mutual services name a contract or asset that does not exist; correct the "
            "reference and migrate again: " + "; ".join(unresolved)
        )


def links_write_back(apps, schema_editor):
    MutualService = apps.get_model("mutuals", "MutualService")
    for service in MutualService.objects.select_related("asset"):
        service.contract_reference = f"contract-{service.contract_id}" if service.contract_id else ""
        service.asset_reference = service.asset.reference if service.asset_id else ""
        service.save(update_fields=["contract_reference", "asset_reference"])


class Migration(migrations.Migration):
    dependencies = [
        ("coproduction", "0001_initial"),
        ("mutuals", "0001_initial"),
        ("procurement", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="mutualservice",
            name="asset",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="coproduction.communityasset",
                verbose_name="asset",
            ),
        ),
        migrations.AddField(
            model_name="mutualservice",
            name="contract",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="procurement.contract",
                verbose_name="contract",
            ),
        ),
        migrations.RunPython(references_link, links_write_back),
        migrations.RemoveField(model_name="mutualservice", name="asset_reference"),
        migrations.RemoveField(model_name="mutualservice", name="contract_reference"),
    ]
