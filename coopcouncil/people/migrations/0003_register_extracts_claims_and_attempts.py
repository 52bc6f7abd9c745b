# The register becomes dated extracts per source, with claims and failed-try records.
#
# Nothing called the old register import before this change, so no deployment holds
# register lines; the old table is dropped rather than converted (load the register again
# with `coopcouncil people import-register` if a shell was used to fill it).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_initial"),
        ("places", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.DeleteModel(name="RegisterEntry"),
        migrations.CreateModel(
            name="RegisterExtract",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source", models.CharField(choices=[("electoral_register", "Electoral register"), ("council_tax", "Council tax")], max_length=20)),
                ("extract_date", models.DateField(help_text="The date the council took the extract.")),
                ("row_count", models.PositiveIntegerField()),
                ("file_name", models.CharField(blank=True, max_length=200)),
                ("loaded_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("replaced_at", models.DateTimeField(blank=True, null=True)),
                ("loaded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ["source", "-extract_date", "-loaded_at"],
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("replaced_at__isnull", True)), fields=("source",), name="one_current_register_extract_per_source")
                ],
            },
        ),
        migrations.CreateModel(
            name="RegisterEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reference_hash", models.CharField(max_length=64)),
                ("extract", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="entries", to="people.registerextract")),
                ("ward", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="places.ward")),
            ],
            options={
                "verbose_name_plural": "register entries",
                "indexes": [models.Index(fields=["reference_hash"], name="people_regi_referen_79bbe8_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("extract", "reference_hash"), name="register_entry_once_per_extract")
                ],
            },
        ),
        migrations.CreateModel(
            name="RegisterClaim",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reference_hash", models.CharField(db_index=True, max_length=64)),
                ("postcode", models.CharField(blank=True, max_length=10)),
                ("status", models.CharField(choices=[("verified", "Verified"), ("needs_review", "Needs review by an officer"), ("refused", "Refused by an officer"), ("superseded", "Given to another account by an officer")], max_length=20)),
                ("claimed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("residency", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="people.residency")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="register_claims", to=settings.AUTH_USER_MODEL)),
                ("ward", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="places.ward")),
            ],
            options={
                "ordering": ["claimed_at"],
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("status", "verified")), fields=("reference_hash",), name="register_entry_verifies_one_account")
                ],
            },
        ),
        migrations.CreateModel(
            name="RegisterMatchAttempt",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ("is_matched", models.BooleanField()),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="register_match_attempts", to=settings.AUTH_USER_MODEL)),
            ],
        ),
    ]
