"""Pabulib files read and write back without loss; broken files name the offending line."""

from __future__ import annotations

from fractions import Fraction

import pytest

from coopcouncil.participation.logic.pabulib import (
    PabulibFormatError,
    format_number,
    pabulib_text,
    parse_pabulib,
)

GOOD = (
    "META\nkey;value\nbudget;10\nvote_type;approval\n"
    "PROJECTS\nproject_id;cost;name\na;6;Benches\nb;5.5;Trees\n"
    "VOTES\nvoter_id;vote;age\n1;a,b;34\n2;b;51\n"
)


@pytest.mark.pabulib
@pytest.mark.usefixtures("pabulib_absent_guard")
def test_every_shared_file_round_trips_to_an_equal_election(pabulib_file, pabulib_folder):
    text = (pabulib_folder / pabulib_file).read_bytes().decode("utf-8")
    election = parse_pabulib(text)
    written = pabulib_text(election)
    assert parse_pabulib(written) == election
    if text.count("\r\n") in (0, text.count("\n")):
        # Only two shared files mix LF and CRLF; every other one comes back byte for byte.
        assert written == text


def test_costs_and_extra_columns_are_kept_exactly():
    election = parse_pabulib(GOOD)
    assert election.budget == 10
    assert election.project("b").cost == Fraction(11, 2)
    assert election.project("a").column("name") == "Benches"
    assert election.votes[0].extra == ("34",)
    assert pabulib_text(election) == GOOD


def test_crlf_byte_order_mark_and_missing_final_newline_survive():
    text = "\ufeff" + GOOD.replace("\n", "\r\n").removesuffix("\r\n")
    assert pabulib_text(parse_pabulib(text)) == text


def test_cumulative_points_are_read_as_whole_numbers():
    text = (
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n"
        "a;6\nb;5\nVOTES\nvoter_id;vote;points\n1;a,b;2,1\n"
    )
    vote = parse_pabulib(text).votes[0]
    assert vote.points == (2, 1)
    assert pabulib_text(parse_pabulib(text)) == text


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("PROJECTS", "BALLOTS"), 5, "unknown section 'BALLOTS'"),
        (GOOD.replace("a;6;Benches", "a;6"), 7, "wrong column count"),
        (GOOD.replace("b;5.5;Trees", "b;lots;Trees"), 8, "not a number"),
        (GOOD.replace("2;b;51", "2;z;51"), 12, "unknown project 'z'"),
        (GOOD.replace("budget;10\n", ""), 4, "no budget"),
        (GOOD.replace("vote_type;approval", "vote_type;secret"), 5, "vote_type"),
        (GOOD.replace("b;5.5;Trees", "a;5.5;Trees"), 8, "appears twice"),
        ("key;value\nbudget;1\n", 1, "META section first"),
    ],
)
def test_broken_file_is_refused_with_its_line_number(text, line, words):
    with pytest.raises(PabulibFormatError) as refused:
        parse_pabulib(text)
    assert refused.value.line == line
    assert words in str(refused.value)
    assert str(refused.value).startswith(f"line {line}: ")


@pytest.mark.parametrize(
    ("value", "text"),
    [(Fraction(5), "5"), (Fraction(1655677, 2), "827838.5"), (Fraction(1, 3), "1/3")],
)
def test_numbers_are_written_as_pabulib_writes_them(value, text):
    assert format_number(value) == text
