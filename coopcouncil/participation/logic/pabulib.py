"""Read and write Pabulib `.pb` files, the open standard for participatory-budgeting data.

Format: https://pabulib.org/format and Faliszewski et al., "Participatory Budgeting: Data,
Tools, and Analysis" (IJCAI 2023). A file has three sections, META, PROJECTS and VOTES, each a
`;`-separated CSV table whose first row names the columns.

Reading keeps every cell, so `pabulib_text(parse_pabulib(text)) == text` for any file whose
layout is canonical. What we normalise (documented in this package's README):

* blank lines between rows are dropped;
* quoting is rewritten the way Python's `csv` writes it (quotes only where needed);
* a vote list is rewritten as ids joined by "," (spaces around the commas are dropped).

Line endings (LF or CRLF), a UTF-8 byte-order mark and a missing final newline are kept.
Malformed files raise `PabulibFormatError` carrying the 1-based line number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

from coopcouncil.participation.logic.election import (
    CARDINAL_VOTE_TYPES,
    VOTE_TYPES,
    Election,
    Layout,
    Project,
    Vote,
)

SECTIONS = ("META", "PROJECTS", "VOTES")
_BYTE_ORDER_MARK = "\ufeff"
_PROJECT_REQUIRED = ("project_id", "cost")
_VOTE_REQUIRED = ("voter_id", "vote")


class PabulibFormatError(ValueError):
    """A `.pb` file breaks the format; `line` is the 1-based line of the offending row."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def read_pabulib(path: str | Path) -> Election:
    """Parse the `.pb` file at `path` (UTF-8, with or without a byte-order mark)."""
    return parse_pabulib(Path(path).read_bytes().decode("utf-8"))


def write_pabulib(election: Election, path: str | Path) -> None:
    """Write `election` to `path` as a `.pb` file (see `pabulib_text`)."""
    Path(path).write_bytes(pabulib_text(election).encode("utf-8"))


def parse_number(text: str) -> Fraction:
    """Read a Pabulib number exactly: "4000", "4000.0", "827838.5" or "827838,5"."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned or cleaned.lower() in ("nan", "inf", "-inf", "infinity"):
        raise ValueError(text)
    return Fraction(cleaned)


def parse_pabulib(text: str) -> Election:
    """Parse the text of a `.pb` file into an `Election`.

    >>> election = parse_pabulib("META\\nkey;value\\nbudget;10\\nvote_type;approval\\n"
    ...     "PROJECTS\\nproject_id;cost\\na;6\\nb;5\\nVOTES\\nvoter_id;vote\\n1;a,b\\n")
    >>> [p.project_id for p in election.projects], election.votes[0].projects
    (['a', 'b'], ('a', 'b'))
    """
    layout = _layout_of(text)
    if layout.has_byte_order_mark:
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    sections = _split_sections(reader)
    meta_header, meta_rows, meta_end = sections.get("META") or _missing("META", reader)
    meta = _read_meta(meta_header, meta_rows)
    _check_meta(meta, meta_end)
    project_header, project_rows, _ = sections.get("PROJECTS") or _missing("PROJECTS", reader)
    projects = _read_projects(project_header, project_rows)
    vote_header, vote_rows, _ = sections.get("VOTES") or _missing("VOTES", reader)
    votes = _read_votes(vote_header, vote_rows, meta["vote_type"].strip(), projects)
    return Election(
        meta=meta,
        projects=projects,
        votes=votes,
        project_columns=tuple(project_header[1]),
        vote_columns=tuple(vote_header[1]),
        layout=layout,
    )


_Rows = list[tuple[int, list[str]]]
_Section = tuple[tuple[int, list[str]], _Rows, int]


def _layout_of(text: str) -> Layout:
    first_break = text.find("\n")
    crlf = first_break > 0 and text[first_break - 1] == "\r"
    return Layout(
        line_ending="\r\n" if crlf else "\n",
        has_byte_order_mark=text.startswith(_BYTE_ORDER_MARK),
        ends_with_newline=text.endswith("\n"),
    )


def _missing(section: str, reader: object) -> _Section:
    raise PabulibFormatError(getattr(reader, "line_num", 0), f"missing {section} section")


def _split_sections(reader: Iterator[list[str]]) -> dict[str, _Section]:
    """Group rows under their section name; each section keeps its header row."""
    sections: dict[str, _Section] = {}
    current: str | None = None
    header: tuple[int, list[str]] | None = None
    rows: _Rows = []
    for row in reader:
        line = reader.line_num  # type: ignore[attr-defined]
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        name = _section_name(row, line)
        if name is not None:
            if current is not None:
                sections[current] = _finish_section(current, header, rows, line)
            if name in sections or name == current:
                raise PabulibFormatError(line, f"section {name} appears twice")
            current, header, rows = name, None, []
        elif current is None:
            raise PabulibFormatError(line, "expected the META section first")
        elif header is None:
            header = (line, [cell.strip() for cell in row])
        else:
            rows.append((line, row))
    if current is not None:
        sections[current] = _finish_section(current, header, rows, reader.line_num)  # type: ignore[attr-defined]
    return sections


def _section_name(row: list[str], line: int) -> str | None:
    word = row[0].strip()
    if not word.isalpha() or any(cell.strip() for cell in row[1:]):
        return None
    if word.upper() in SECTIONS:
        return word.upper()
    if word.isalpha() and word.isupper():
        raise PabulibFormatError(
            line, f"unknown section {word!r}; expected one of {', '.join(SECTIONS)}"
        )
    return None


def _finish_section(
    name: str, header: tuple[int, list[str]] | None, rows: _Rows, line: int
) -> _Section:
    if header is None:
        raise PabulibFormatError(line, f"section {name} has no header row")
    return header, rows, line


def _check_width(line: int, row: list[str], header: list[str], section: str) -> None:
    if len(row) != len(header):
        raise PabulibFormatError(
            line,
            f"wrong column count in {section}: expected {len(header)} "
            f"({';'.join(header)}), found {len(row)}",
        )


def _read_meta(header: tuple[int, list[str]], rows: _Rows) -> dict[str, str]:
    header_line, columns = header
    if [c.lower() for c in columns] != ["key", "value"]:
        raise PabulibFormatError(header_line, "META header must be 'key;value'")
    meta: dict[str, str] = {}
    for line, row in rows:
        _check_width(line, row, columns, "META")
        key = row[0].strip()
        if key in meta:
            raise PabulibFormatError(line, f"META key {key!r} appears twice")
        meta[key] = row[1]
    return meta


def _check_meta(meta: dict[str, str], line: int) -> None:
    if "budget" not in meta:
        raise PabulibFormatError(line, "META has no budget")
    try:
        budget = parse_number(meta["budget"])
    except (ValueError, ZeroDivisionError):
        raise PabulibFormatError(line, f"META budget {meta['budget']!r} is not a number") from None
    if budget < 0:
        raise PabulibFormatError(line, "META budget is negative")
    vote_type = meta.get("vote_type", "").strip()
    if vote_type not in VOTE_TYPES:
        raise PabulibFormatError(
            line, f"META vote_type {vote_type!r} is not one of {', '.join(VOTE_TYPES)}"
        )


def _require_columns(header: tuple[int, list[str]], required: tuple[str, ...], name: str) -> None:
    for column in required:
        if column not in header[1]:
            raise PabulibFormatError(header[0], f"{name} header has no {column!r} column")
    if len(set(header[1])) != len(header[1]):
        raise PabulibFormatError(header[0], f"{name} header repeats a column")


def _read_projects(header: tuple[int, list[str]], rows: _Rows) -> tuple[Project, ...]:
    _require_columns(header, _PROJECT_REQUIRED, "PROJECTS")
    columns = header[1]
    projects: list[Project] = []
    seen: set[str] = set()
    for line, row in rows:
        _check_width(line, row, columns, "PROJECTS")
        project = _project_from_row(line, dict(zip(columns, row, strict=True)))
        if project.project_id in seen:
            raise PabulibFormatError(line, f"project {project.project_id!r} appears twice")
        seen.add(project.project_id)
        projects.append(project)
    return tuple(projects)


def _project_from_row(line: int, cells: dict[str, str]) -> Project:
    project_id = cells["project_id"].strip()
    if not project_id:
        raise PabulibFormatError(line, "project has an empty project_id")
    try:
        cost = parse_number(cells["cost"])
    except (ValueError, ZeroDivisionError):
        raise PabulibFormatError(
            line, f"cost {cells['cost']!r} of project {project_id!r} is not a number"
        ) from None
    if cost < 0:
        raise PabulibFormatError(line, f"cost of project {project_id!r} is negative")
    selected_text = cells.get("selected", "").strip()
    try:
        selected = int(selected_text) if selected_text else None
    except ValueError:
        raise PabulibFormatError(
            line, f"selected {selected_text!r} is not a whole number"
        ) from None
    return Project(
        project_id=project_id,
        cost=cost,
        name=cells.get("name", "").strip(),
        categories=_split_list(cells.get("category", cells.get("categories", ""))),
        targets=_split_list(cells.get("target", cells.get("targets", ""))),
        selected=selected,
        columns=tuple(cells.items()),
    )


def _split_list(text: str) -> tuple[str, ...]:
    if text.strip().lower() in ("", "none"):
        return ()
    return tuple(item.strip() for item in text.split(","))


def _read_votes(
    header: tuple[int, list[str]], rows: _Rows, vote_type: str, projects: tuple[Project, ...]
) -> tuple[Vote, ...]:
    _require_columns(header, _VOTE_REQUIRED, "VOTES")
    columns = header[1]
    width = len(columns)
    voter_at, vote_at = columns.index("voter_id"), columns.index("vote")
    points_at = columns.index("points") if "points" in columns else None
    if vote_type in CARDINAL_VOTE_TYPES and points_at is None:
        raise PabulibFormatError(header[0], f"{vote_type} VOTES need a 'points' column")
    if vote_type not in CARDINAL_VOTE_TYPES:
        points_at = None
    own = {voter_at, vote_at} if points_at is None else {voter_at, vote_at, points_at}
    extra_at = [i for i in range(width) if i not in own]
    known = {p.project_id for p in projects}
    votes: list[Vote] = []
    for line, row in rows:
        if len(row) != width:
            _check_width(line, row, columns, "VOTES")
        chosen = _vote_projects(line, row[vote_at], known)
        points = None
        if points_at is not None:
            points = _vote_points(line, row[points_at], len(chosen))
        extra = tuple(row[i] for i in extra_at) if extra_at else ()
        votes.append(Vote(row[voter_at].strip(), chosen, points, extra))
    return tuple(votes)


def _vote_projects(line: int, text: str, known: set[str]) -> tuple[str, ...]:
    if not text.strip():
        return ()
    if " " in text or "\t" in text:
        chosen = tuple(item.strip() for item in text.split(","))
    else:
        chosen = tuple(text.split(","))
    if not known.issuperset(chosen):
        unknown = next(project_id for project_id in chosen if project_id not in known)
        raise PabulibFormatError(line, f"vote names unknown project {unknown!r}")
    return chosen


def _vote_points(line: int, text: str, expected: int) -> tuple[int | Fraction, ...]:
    items = [item.strip() for item in text.split(",")] if text.strip() else []
    if len(items) != expected:
        raise PabulibFormatError(line, f"vote lists {expected} projects but {len(items)} points")
    points: list[int | Fraction] = []
    for item in items:
        try:
            points.append(int(item))
        except ValueError:
            try:
                points.append(parse_number(item))
            except (ValueError, ZeroDivisionError):
                raise PabulibFormatError(line, f"points {item!r} is not a number") from None
    return tuple(points)


def format_number(value: int | Fraction) -> str:
    """Write an exact number the way Pabulib files do: "5", "827838.5", else "n/d"."""
    fraction = Fraction(value)
    if fraction.denominator == 1:
        return str(fraction.numerator)
    denominator, places = fraction.denominator, 0
    while denominator % 10 and places < 30:
        scaled = fraction * 10 ** (places + 1)
        places += 1
        if scaled.denominator == 1:
            whole = str(abs(scaled.numerator)).rjust(places + 1, "0")
            sign = "-" if fraction < 0 else ""
            return f"{sign}{whole[:-places]}.{whole[-places:]}"
    return str(fraction)


def pabulib_text(election: Election) -> str:
    """Write `election` as the text of a `.pb` file (the inverse of `parse_pabulib`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=";", lineterminator=election.layout.line_ending, quoting=csv.QUOTE_MINIMAL
    )
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(election.meta.items())
    writer.writerow(["PROJECTS"])
    writer.writerow(election.project_columns)
    writer.writerows(_project_cells(p, election.project_columns) for p in election.projects)
    writer.writerow(["VOTES"])
    writer.writerow(election.vote_columns)
    writer.writerows(_vote_cells(v, election.vote_columns) for v in election.votes)
    text = buffer.getvalue()
    if not election.layout.ends_with_newline:
        text = text.removesuffix(election.layout.line_ending)
    if election.layout.has_byte_order_mark:
        text = _BYTE_ORDER_MARK + text
    return text


def _project_cells(project: Project, columns: tuple[str, ...]) -> list[str]:
    """Cells of a PROJECTS row: the original text unless a typed field now says otherwise."""
    raw = dict(project.columns)
    cells = []
    for column in columns:
        text = raw.get(column, "")
        if column == "project_id" and text.strip() != project.project_id:
            text = project.project_id
        elif column == "cost" and not _same_number(text, project.cost):
            text = format_number(project.cost)
        elif column == "name" and text.strip() != project.name:
            text = project.name
        elif column == "selected" and (_whole(text) != project.selected):
            text = "" if project.selected is None else str(project.selected)
        elif column in ("category", "categories") and _split_list(text) != project.categories:
            text = ",".join(project.categories)
        elif column in ("target", "targets") and _split_list(text) != project.targets:
            text = ",".join(project.targets)
        cells.append(text)
    return cells


def _same_number(text: str, value: Fraction) -> bool:
    try:
        return parse_number(text) == value
    except (ValueError, ZeroDivisionError):
        return False


def _whole(text: str) -> int | None:
    try:
        return int(text) if text.strip() else None
    except ValueError:
        return None


def _vote_cells(vote: Vote, columns: tuple[str, ...]) -> list[str]:
    extra = iter(vote.extra)
    cells = []
    for column in columns:
        if column == "voter_id":
            cells.append(vote.voter_id)
        elif column == "vote":
            cells.append(",".join(vote.projects))
        elif column == "points" and vote.points is not None:
            cells.append(",".join(format_number(p) for p in vote.points))
        else:
            cells.append(next(extra, ""))
    return cells
