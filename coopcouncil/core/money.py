"""Money is integer pence; these two functions are the only way in and out of pounds."""

from decimal import Decimal, InvalidOperation


def format_pence(pence: int) -> str:
    """Show pence as pounds with thousands separators: 2256000000 -> '£22,560,000.00'."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(int(pence)), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def parse_pounds(text: str) -> int:
    """Read '1,234.56' or '£1234' as pence; refuse more than two decimal places.

    Raises ``ValueError`` with a message fit to show the person who typed it.
    """
    cleaned = str(text).strip().replace(",", "").replace("£", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not an amount of money") from None
    if not amount.is_finite():
        raise ValueError(f"'{text}' is not an amount of money")
    pence = amount * 100
    if pence != pence.to_integral_value():
        raise ValueError(f"'{text}' has more than two decimal places")
    return int(pence)
