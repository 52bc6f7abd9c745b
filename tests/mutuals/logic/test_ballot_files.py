"""BLT and CSV ballot files: read whole or refused at the first bad line."""

import pytest

from coopcouncil.mutuals.logic.ballot_files import (
    BallotFileError,
    read_blt,
    read_csv,
    write_blt,
    write_csv,
)

BLT = """3 2
-3
4 1 2 0
3 2 0
2 1 2 0
0
"Ann Jones" "Ben Smith"
"Cat Brown"
"Ward 1"
"""


def test_blt_groups_identical_ballots_and_reads_names_title_and_withdrawals():
    election = read_blt(BLT)
    assert election.candidates == ("Ann Jones", "Ben Smith", "Cat Brown")
    assert election.seats == 2
    assert election.title == "Ward 1"
    assert election.withdrawn == frozenset({2})
    assert sorted((b.ranking, b.count) for b in election.ballots) == [((0, 1), 6), ((1,), 3)]


def test_blt_written_out_reads_back_the_same():
    election = read_blt(BLT)
    again = read_blt(write_blt(election))
    assert again == election


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", 1),
        ("3\n", 1),
        ('2 1\n1 1 3 0\n0\n"A" "B"\n', 2),
        ('2 1\n1 1 1 0\n0\n"A" "B"\n', 2),
        ('2 1\n1 1 2\n0\n"A" "B"\n', 2),
        ('2 1\n1 1 2 0\n1 x 0\n0\n"A" "B"\n', 3),
        ("2 1\n1 1 2 0\n", 2),
        ('2 1\n1 1 2 0\n0\n"A"\n', 4),
        ("2 1\n1 1 2 0\n0\nA B\n", 4),
    ],
)
def test_a_bad_blt_file_names_its_line(text, line):
    with pytest.raises(BallotFileError) as error:
        read_blt(text)
    assert error.value.line == line


def test_csv_rows_are_rankings_by_name_one_paper_each():
    ballots = read_csv("preference 1,preference 2\nAnn,Ben\nann,ben\nBen,\n", ["Ann", "Ben"])
    assert sorted((b.ranking, b.count) for b in ballots) == [((0, 1), 2), ((1,), 1)]


def test_csv_with_a_count_column_reads_the_number_of_papers():
    ballots = read_csv("count,1,2\n5,Ben,Ann\n", ["Ann", "Ben"])
    assert [(b.ranking, b.count) for b in ballots] == [((1, 0), 5)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("count,1\nfive,Ann\n", 2),
        ("1,2\nAnn,Ann\n", 2),
        ("1,2\nAnn,Ben\nZoe\n", 3),
        ("1,2,3\nAnn,,Ben\n", 2),
    ],
)
def test_a_bad_csv_row_names_its_line(text, line):
    with pytest.raises(BallotFileError) as error:
        read_csv(text, ["Ann", "Ben"])
    assert error.value.line == line


def test_csv_written_out_reads_back_the_same_ballots():
    election = read_blt(BLT)
    ballots = read_csv(write_csv(election), election.candidates)
    assert sorted(ballots, key=lambda b: b.ranking) == sorted(
        election.ballots, key=lambda b: b.ranking
    )
