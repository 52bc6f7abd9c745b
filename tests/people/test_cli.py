"""``coopcouncil people import-register``: all or nothing, one line per problem, exit 1;
``coopcouncil api-keys``: a key printed once, listed by its first characters, revoked."""

from datetime import date

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.core.logic.keys import key_hash
from coopcouncil.people.models import ApiKey, RegisterEntry, RegisterExtract

runner = CliRunner()
pytestmark = pytest.mark.django_db


def write(tmp_path, body: str):
    path = tmp_path / "register.csv"
    path.write_text("reference,postcode,ward_code\n" + body, encoding="utf-8")
    return path


def test_import_register_loads_the_extract_dated_today_by_default(ward, tmp_path):
    path = write(tmp_path, f"EA-1,OL1 1AA,{ward.code}\nEA-2,OL1 1AB,{ward.code}\n")
    result = runner.invoke(app, ["people", "import-register", str(path)])
    assert result.exit_code == 0, result.output
    extract = RegisterExtract.objects.get()
    assert extract.source == "electoral_register" and extract.row_count == 2
    assert extract.extract_date == timezone.localdate() and extract.loaded_by is None
    assert "2 lines" in result.output


def test_import_register_takes_the_source_and_extract_date(ward, tmp_path):
    path = write(tmp_path, f"CT-1,OL1 1AA,{ward.code}\n")
    result = runner.invoke(
        app,
        [
            "people",
            "import-register",
            str(path),
            "--source",
            "council_tax",
            "--extract-date",
            "2026-02-01",
        ],
    )
    assert result.exit_code == 0, result.output
    extract = RegisterExtract.objects.get()
    assert (extract.source, extract.extract_date) == ("council_tax", date(2026, 2, 1))


def test_import_register_with_bad_lines_writes_nothing_and_prints_one_line_each(ward, tmp_path):
    path = write(tmp_path, f"EA-1,OL1 1AA,{ward.code}\n,OL1 1AB,{ward.code}\nEA-3,OL1 1AC,NOPE\n")
    result = runner.invoke(app, ["people", "import-register", str(path)])
    assert result.exit_code == 1
    assert "row 3: reference: is empty" in result.output
    assert "row 4: ward_code: unknown ward 'NOPE'" in result.output
    assert not RegisterExtract.objects.exists() and not RegisterEntry.objects.exists()


def test_import_register_refuses_an_extract_older_than_the_one_held(ward, tmp_path):
    path = write(tmp_path, f"EA-1,OL1 1AA,{ward.code}\n")
    newer = runner.invoke(
        app, ["people", "import-register", str(path), "--extract-date", "2026-03-01"]
    )
    assert newer.exit_code == 0, newer.output
    older = runner.invoke(
        app, ["people", "import-register", str(path), "--extract-date", "2026-01-01"]
    )
    assert older.exit_code == 1
    assert "older than the Electoral register extract held (01 March 2026)" in older.output
    assert RegisterExtract.objects.get().extract_date == date(2026, 3, 1)


def test_import_register_refuses_a_date_it_cannot_read(ward, tmp_path):
    path = write(tmp_path, f"EA-1,OL1 1AA,{ward.code}\n")
    result = runner.invoke(
        app, ["people", "import-register", str(path), "--extract-date", "1 March"]
    )
    assert result.exit_code == 1 and "is not a date" in result.output
    assert not RegisterExtract.objects.exists()


def test_api_keys_create_prints_the_key_once_and_list_and_revoke_manage_it(make_role):
    officer = make_role("officer", "Fran Finance", team="finance")
    created = runner.invoke(
        app, ["api-keys", "create", "--email", officer.email, "Dashboard", "--read-only"]
    )
    assert created.exit_code == 0, created.output
    key = created.stdout.strip()
    stored = ApiKey.objects.get()
    assert stored.key_hash == key_hash(key) and stored.is_read_only and stored.user == officer
    assert "not shown again" in created.stderr
    listed = runner.invoke(app, ["api-keys", "list"])
    assert listed.exit_code == 0 and key not in listed.stdout
    assert f"{stored.pk}\t{officer.email}\tDashboard\t{stored.shown}…\tread-only" in listed.stdout
    revoked = runner.invoke(app, ["api-keys", "revoke", str(stored.pk)])
    assert revoked.exit_code == 0 and "Revoked the key Dashboard" in revoked.stdout
    again = runner.invoke(app, ["api-keys", "revoke", str(stored.pk)])
    assert again.exit_code == 1 and "already revoked" in again.stderr


def test_api_keys_create_with_expiry_and_its_refusals_exit_1_with_a_message(make_role):
    officer = make_role("officer", team="finance")
    dated = runner.invoke(
        app, ["api-keys", "create", "--email", officer.email, "T", "--expires", "30"]
    )
    assert dated.exit_code == 0 and ApiKey.objects.get().expires_at is not None
    unknown = runner.invoke(app, ["api-keys", "create", "--email", "nobody@x.invalid", "App"])
    assert unknown.exit_code == 1 and "no account with the email" in unknown.stderr
    short = runner.invoke(
        app, ["api-keys", "create", "--email", officer.email, "A", "--expires", "0"]
    )
    assert short.exit_code == 1 and "at least one day" in short.stderr
    missing = runner.invoke(app, ["api-keys", "revoke", "999999"])
    assert missing.exit_code == 1 and "no such API key" in missing.stderr
    assert ApiKey.objects.count() == 1
