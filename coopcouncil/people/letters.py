"""The residency letter batch as a printable PDF and a mail-merge CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF


@dataclass(frozen=True)
class Letter:
    name: str
    address: str
    postcode: str
    ward: str
    code: str
    expires: str


def letters_csv(letters: Sequence[Letter]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "address", "postcode", "ward", "code", "expires"])
    for letter in letters:
        writer.writerow(
            [
                letter.name,
                letter.address.replace("\n", ", "),
                letter.postcode,
                letter.ward,
                letter.code,
                letter.expires,
            ]
        )
    return out.getvalue()


def _latin1(text: str) -> str:
    # The core PDF fonts are Latin-1; replace anything else rather than fail a print run.
    return text.encode("latin-1", "replace").decode("latin-1")


def letters_pdf(letters: Sequence[Letter], *, borough: str, site_url: str) -> bytes:
    """One A4 page per letter, address placed for a DL window envelope."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for letter in letters:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(20, 50)
        address = "\n".join([letter.name, *letter.address.splitlines(), letter.postcode])
        pdf.multi_cell(90, 5, _latin1(address))
        pdf.set_xy(20, 100)
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 8, _latin1(f"{borough}: confirm your address"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        body = (
            f"You asked to take part in decisions in {letter.ward} ward. To confirm that you "
            f"live at this address, sign in at {site_url} and enter this code on your "
            f"profile page before {letter.expires}:"
        )
        pdf.set_x(20)
        pdf.multi_cell(170, 6, _latin1(body))
        pdf.set_font("Courier", "B", 22)
        pdf.set_x(20)
        pdf.cell(0, 16, letter.code, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=9)
        pdf.set_x(20)
        pdf.multi_cell(
            170,
            5,
            _latin1(
                "If you did not ask for this letter, you can ignore it. The council keeps your "
                "address only until the code is used or expires."
            ),
        )
    return bytes(pdf.output())
