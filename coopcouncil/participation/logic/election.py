"""The participatory-budgeting election as plain data: META, projects and ballots.

The shape follows the Pabulib format (Faliszewski et al., "Participatory Budgeting: Data,
Tools, and Analysis", IJCAI 2023, section 2; https://pabulib.org/format): a META table of
key/value pairs, one row per project and one row per voter. Every column a file carries is kept,
so a council can publish exactly what it counted.

Numbers are exact: costs and the budget are `fractions.Fraction` (some cities publish costs
in grosze, e.g. ``1261899.87``), points are `int` where the file writes whole numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

APPROVAL = "approval"
CHOOSE_ONE = "choose-1"
CUMULATIVE = "cumulative"
ORDINAL = "ordinal"
SCORING = "scoring"
VOTE_TYPES = (APPROVAL, CHOOSE_ONE, CUMULATIVE, ORDINAL, SCORING)
CARDINAL_VOTE_TYPES = (CUMULATIVE, SCORING)


@dataclass(frozen=True, slots=True)
class Project:
    """One project on the ballot paper.

    `columns` holds every PROJECTS cell of the row as written (column name → text), in the
    file's column order; the typed attributes are read from it. `selected` is the PROJECTS
    `selected` value when present (1 = funded; Poznań also uses 2 and 3, see its META comment).
    """

    project_id: str
    cost: Fraction
    name: str = ""
    categories: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    selected: int | None = None
    columns: tuple[tuple[str, str], ...] = ()

    def column(self, name: str, default: str = "") -> str:
        """Return the raw text of one PROJECTS column, or `default` when the file lacks it."""
        for key, value in self.columns:
            if key == name:
                return value
        return default


@dataclass(frozen=True, slots=True)
class Vote:
    """One voter's ballot.

    `projects` lists project ids in the order the voter wrote them (the ranking, for ordinal
    ballots). `points` is aligned with `projects` for cumulative and scoring ballots, else
    None. `extra` holds the other VOTES cells (age, sex, district...) in the order of
    `Election.vote_columns`, without `voter_id`, `vote` and `points`.
    """

    voter_id: str
    projects: tuple[str, ...]
    points: tuple[int | Fraction, ...] | None = None
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """How the source file was laid out, so writing it back gives the same bytes."""

    line_ending: str = "\n"
    has_byte_order_mark: bool = False
    ends_with_newline: bool = True


@dataclass(frozen=True)
class Election:
    """A whole PB election: META, projects and votes.

    `meta` preserves the file's key order. `project_columns` and `vote_columns` are the
    header rows of the PROJECTS and VOTES sections.
    """

    meta: Mapping[str, str]
    projects: tuple[Project, ...]
    votes: tuple[Vote, ...]
    project_columns: tuple[str, ...] = ("project_id", "cost")
    vote_columns: tuple[str, ...] = ("voter_id", "vote")
    layout: Layout = field(default_factory=Layout, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.meta, MappingProxyType):
            object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Election):
            return NotImplemented
        return (
            list(self.meta.items()) == list(other.meta.items())
            and self.projects == other.projects
            and self.votes == other.votes
            and self.project_columns == other.project_columns
            and self.vote_columns == other.vote_columns
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def budget(self) -> Fraction:
        """The META `budget`, exact."""
        return Fraction(self.meta["budget"].strip().replace(",", "."))

    @property
    def vote_type(self) -> str:
        """The META `vote_type` (approval, choose-1, cumulative, ordinal, scoring)."""
        return self.meta["vote_type"].strip()

    def project(self, project_id: str) -> Project:
        """Return the project with this id; KeyError when there is none."""
        for project in self.projects:
            if project.project_id == project_id:
                return project
        raise KeyError(project_id)
