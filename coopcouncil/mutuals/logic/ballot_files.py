"""Ballot files in and out: BLT (the format STV counting programs share) and CSV.

A file is read whole or not at all: the first fault raises ``BallotFileError`` naming its
line, and nothing is returned, so an import never stores part of a file.

**BLT** (as used by Droop, OpenSTV and the Scottish Election Data Archive)::

    3 2                 candidates, seats
    -2                  optional: candidate 2 withdrawn
    4 1 2 0             a ballot line: how many papers, preferences (numbered from 1), 0
    3 2 0
    0                   end of ballots
    "Ann" "Ben" "Cat"   candidates' names in double quotes, then the election's title
    "Ward 1"

**CSV**: one row per ballot (candidate names in order of preference), or, when the header's
first cell is ``count``, a number of papers followed by a ranking. The other header cells
are free text (``preference 1``...). Names must be the election's candidates.
"""

from __future__ import annotations

import csv
import io
import shlex
from collections import Counter
from collections.abc import Sequence

from coopcouncil.mutuals.logic.stv import Ballot, Election


class BallotFileError(ValueError):
    """A ballot file broke the format at ``line`` (numbered from 1)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def _numbers(text: str, line: int) -> list[int]:
    try:
        return [int(word) for word in text.split()]
    except ValueError:
        raise BallotFileError(line, "expected whole numbers") from None


def read_blt(text: str) -> Election:
    """Read a BLT file; identical rankings are grouped into one ``Ballot``."""
    lines = [(number, raw.strip()) for number, raw in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line and not line.startswith("#")]
    if not lines:
        raise BallotFileError(1, "the file is empty")
    number, header = lines[0]
    head = _numbers(header, number)
    if len(head) != 2 or head[0] < 1 or head[1] < 1:
        raise BallotFileError(number, "the first line must be the number of candidates and seats")
    candidates, seats = head
    if seats > candidates:
        raise BallotFileError(number, "there are more seats than candidates")
    at = 1
    withdrawn: set[int] = set()
    while at < len(lines) and lines[at][1].startswith("-"):
        number, line = lines[at]
        at += 1
        for value in _numbers(line, number):
            if not -candidates <= value <= -1:
                raise BallotFileError(number, "a withdrawn candidate must be -1 to -candidates")
            withdrawn.add(-value - 1)
    rankings: Counter[tuple[int, ...]] = Counter()
    ended = False
    while at < len(lines):
        number, line = lines[at]
        at += 1
        if line == "0":
            ended = True
            break
        if line.startswith("("):  # an optional ballot id, e.g. "(17) 1 3 2 0"
            line = line.split(")", 1)[-1]
        values = _numbers(line, number)
        if len(values) < 2 or values[-1] != 0:
            raise BallotFileError(number, "a ballot line is a count, preferences and a final 0")
        papers, ranking = values[0], values[1:-1]
        if papers < 0:
            raise BallotFileError(number, "a ballot cannot be counted a negative number of times")
        for value in ranking:
            if not 1 <= value <= candidates:
                raise BallotFileError(number, f"there is no candidate {value}")
        if len(set(ranking)) != len(ranking):
            raise BallotFileError(number, "a ballot ranks a candidate twice")
        if ranking and papers:
            rankings[tuple(value - 1 for value in ranking)] += papers
    if not ended:
        raise BallotFileError(lines[-1][0], "the ballots must end with a line holding 0")
    names = _quoted_names(lines[at:])
    if len(names) < candidates:
        raise BallotFileError(
            lines[-1][0], f"expected {candidates} candidate names, found {len(names)}"
        )
    return Election(
        candidates=tuple(names[:candidates]),
        seats=seats,
        ballots=tuple(Ballot(ranking, papers) for ranking, papers in rankings.items()),
        title=names[candidates] if len(names) > candidates else "",
        withdrawn=frozenset(withdrawn),
    )


def _quoted_names(lines: list[tuple[int, str]]) -> list[str]:
    names: list[str] = []
    for number, line in lines:
        try:
            words = shlex.split(line, posix=False)
        except ValueError:
            raise BallotFileError(number, "a name is missing its closing quote") from None
        for word in words:
            if len(word) < 2 or word[0] != '"' or word[-1] != '"':
                raise BallotFileError(number, "names must be in double quotes")
            names.append(word[1:-1])
    return names


def write_blt(election: Election) -> str:
    """The election as BLT text (candidates numbered from 1)."""
    out = [f"{len(election.candidates)} {election.seats}"]
    if election.withdrawn:
        out.append(" ".join(str(-(c + 1)) for c in sorted(election.withdrawn)))
    for ballot in election.ballots:
        preferences = " ".join(str(c + 1) for c in ballot.ranking)
        out.append(f"{ballot.count} {preferences} 0".replace("  ", " "))
    out.append("0")
    out.extend('"' + name.replace('"', "'") + '"' for name in election.candidates)
    out.append('"' + election.title.replace('"', "'") + '"')
    return "\n".join(out) + "\n"


def read_csv(text: str, candidates: Sequence[str]) -> list[Ballot]:
    """Rankings by candidate name; see the module docstring for the two row shapes."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise BallotFileError(1, "the file is empty")
    with_count = bool(rows[0]) and rows[0][0].strip().lower() == "count"
    index = {name.strip().casefold(): c for c, name in enumerate(candidates)}
    rankings: Counter[tuple[int, ...]] = Counter()
    for number, row in enumerate(rows[1:], start=2):
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        papers = 1
        if with_count:
            try:
                papers = int(cells.pop(0))
            except ValueError:
                raise BallotFileError(
                    number, "the first cell must be the number of papers"
                ) from None
            if papers < 0:
                raise BallotFileError(
                    number, "a ballot cannot be counted a negative number of times"
                )
        ranking = []
        for cell in cells:
            if not cell:
                raise BallotFileError(number, "a preference is left blank before a later one")
            if cell.casefold() not in index:
                raise BallotFileError(number, f"{cell!r} is not a candidate")
            ranking.append(index[cell.casefold()])
        if len(set(ranking)) != len(ranking):
            raise BallotFileError(number, "a ballot ranks a candidate twice")
        if ranking and papers:
            rankings[tuple(ranking)] += papers
    return [Ballot(ranking, papers) for ranking, papers in rankings.items()]


def write_csv(election: Election) -> str:
    """Ballots as CSV: a count followed by the ranking, by candidate name."""
    longest = max((len(ballot.ranking) for ballot in election.ballots), default=1)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["count", *(f"preference {n}" for n in range(1, longest + 1))])
    for ballot in election.ballots:
        writer.writerow([ballot.count, *(election.candidates[c] for c in ballot.ranking)])
    return out.getvalue()
