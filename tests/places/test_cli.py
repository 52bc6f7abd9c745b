"""`coopcouncil places import-postcodes` and `import-addresses`: one line per problem, exit 1."""

from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.places.models import Address, Postcode

runner = CliRunner()


def test_import_postcodes_loads_the_borough_and_says_what_it_skipped(places, tmp_path):
    path = tmp_path / "NSPL.csv"
    path.write_text(
        "\ufeffpcd,pcds,doterm,ward,lat,long\nOL19CK,OL1 9CK,,OLD08,53.5,-2.1\n"
        "M1  1AE,M1 1AE,,E05099999,53.4,-2.2\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["places", "import-postcodes", str(path)])
    assert result.exit_code == 0, result.output
    assert "Loaded 1 postcodes" in result.output and "skipped 1" in result.output
    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["OL1 9CK"]


def test_import_postcodes_with_bad_rows_prints_each_with_its_line_and_writes_nothing(
    places, tmp_path
):
    path = tmp_path / "NSPL.csv"
    path.write_text(
        "pcds,doterm,ward,lat,long\nOL1 9CK,,OLD08,53.5,-2.1\n"
        "OL1 9MC,13,OLD08,53.5,-2.1\nXX,,OLD08,north,-2.1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["places", "import-postcodes", str(path)])
    assert result.exit_code == 1
    problems = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    assert problems == [
        "row 3: doterm: '13' is not a year and month (YYYYMM)",
        "row 4: pcds: 'XX' is not a UK postcode",
        "row 4: lat: 'north' is not a number",
    ]
    assert not Postcode.objects.exists()


def test_import_addresses_loads_and_refuses_bad_rows(places, tmp_path):
    path = tmp_path / "llpg.csv"
    header = "uprn,address_line_1,address_line_2,address_line_3,town,postcode,ward_code\n"
    path.write_text(header + "990000000101,1 Spindle Row,,,Oldham,OL1 9CK,OLD08\n")
    result = runner.invoke(app, ["places", "import-addresses", str(path)])
    assert result.exit_code == 0 and "Loaded 1 addresses." in result.output
    path.write_text(header + "x,1 Spindle Row,,,Oldham,OL1 9CK,OLD08\n")
    result = runner.invoke(app, ["places", "import-addresses", str(path)])
    assert result.exit_code == 1 and "row 2: uprn:" in result.output
    assert Address.objects.count() == 1


def test_importing_a_missing_file_is_an_error(places, tmp_path):
    result = runner.invoke(app, ["places", "import-postcodes", str(tmp_path / "none.csv")])
    assert result.exit_code == 1 and "does not exist" in result.output
