import pytest

from coopcouncil.core.money import format_pence, parse_pounds


def test_pence_format_as_pounds():
    assert format_pence(22_560_000_000) == "£225,600,000.00"
    assert format_pence(-5) == "-£0.05"


def test_pounds_parse_to_exact_pence():
    assert parse_pounds("£1,234.56") == 123456
    assert parse_pounds("3300") == 330000


@pytest.mark.parametrize("text", ["12.345", "abc", "NaN", ""])
def test_bad_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_pounds(text)
