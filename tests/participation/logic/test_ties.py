"""Equal votes: each count records the ties its tie-break decided, and only those."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coopcouncil.participation.logic.counting import count_election, outcome_as_json
from coopcouncil.participation.logic.election import Election, Project, Vote
from coopcouncil.participation.logic.official import official_outcome
from coopcouncil.participation.logic.outcome import Tie
from coopcouncil.participation.logic.pabulib import parse_pabulib
from coopcouncil.participation.logic.profile import ballot_profile
from coopcouncil.participation.logic.rules import greedy_cost, mes_cost_completed, phragmen
from coopcouncil.participation.logic.ties import (
    CHEAPER_FIRST,
    LOAD,
    LOWER_COST,
    SMALLER_ID,
    VOTES,
    tie_sentence,
)


def election(costs: dict[str, int], ballots: list[str], budget=10, meta=""):
    """A tiny approval election; `meta` adds META lines ("rule;greedy\\nunit;Warszawa\\n")."""
    lines = ["META", "key;value", f"budget;{budget}", "vote_type;approval", meta.rstrip()]
    lines += ["PROJECTS", "project_id;cost", *(f"{p};{c}" for p, c in costs.items())]
    lines += ["VOTES", "voter_id;vote", *(f"{i};{b}" for i, b in enumerate(ballots))]
    return parse_pabulib("\n".join(line for line in lines if line) + "\n")


# a (6) and b (5) tie on 2 votes; only one of them fits the budget of 10; c (4) has 1 vote.
TIED = {"a": 6, "b": 5, "c": 4}
TIED_BALLOTS = ["a,b,c", "a,b"]


def test_greedy_records_a_tie_where_only_one_of_the_tied_projects_fits():
    outcome = greedy_cost(ballot_profile(election(TIED, TIED_BALLOTS)))
    assert outcome.selected == ("a", "c")
    assert outcome.ties == (
        Tie(
            projects=("a", "b"),
            support=Fraction(2),
            measure=VOTES,
            broken_by=(SMALLER_ID,),
            funded=("a",),
        ),
    )
    assert tie_sentence(outcome.ties[0]) == (
        "tie at 2 votes between a and b, broken by smaller project id first: a funded"
    )


def test_a_tie_the_order_could_not_change_is_not_recorded():
    # x takes 8 of 10; a (1) and b (5) tie on 2 votes, and b is too dear for the 2 left anyway.
    costs = {"x": 8, "a": 1, "b": 5}
    outcome = greedy_cost(ballot_profile(election(costs, ["x,a,b", "x,a,b", "x"])))
    assert outcome.selected == ("x", "a")
    assert outcome.ties == ()


def test_a_tie_where_both_fit_is_not_recorded():
    outcome = greedy_cost(ballot_profile(election({"a": 5, "b": 5}, ["a,b"])))
    assert outcome.selected == ("a", "b")
    assert outcome.ties == ()


def test_warsaw_breaks_equal_votes_by_the_lower_cost():
    warsaw = official_outcome(election(TIED, TIED_BALLOTS, meta="rule;greedy\nunit;Warszawa\n"))
    elsewhere = official_outcome(election(TIED, TIED_BALLOTS, meta="rule;greedy\nunit;Gdynia\n"))
    assert warsaw.selected == ("b", "c")
    assert elsewhere.selected == ("a", "c")
    assert warsaw.ties[0].projects == ("b", "a")
    assert warsaw.ties[0].broken_by == (LOWER_COST,)
    assert warsaw.ties[0].funded == ("b",)
    assert "broken by lower cost first: b funded" in tie_sentence(warsaw.ties[0])


def test_warsaw_falls_back_to_the_smaller_id_when_tied_projects_cost_the_same():
    costs = {"b": 6, "a": 6, "c": 4}
    outcome = official_outcome(election(costs, TIED_BALLOTS, meta="rule;greedy\nunit;Warszawa\n"))
    assert outcome.selected == ("a", "c")
    assert outcome.ties[0].broken_by == (SMALLER_ID,)


def test_a_no_skip_rule_records_a_tie_that_stopped_the_count():
    # b (11) comes before c (5) by id and does not fit, so Gdynia's rule stops before c.
    meta = "rule;greedy-no-skip\nunit;Gdynia\n"
    outcome = official_outcome(election({"b": 11, "c": 5}, ["b,c"], meta=meta))
    assert outcome.selected == ()
    assert outcome.ties[0].funded == ()
    assert tie_sentence(outcome.ties[0]).endswith("none of them funded")


def test_the_greedy_completion_after_equal_shares_records_its_ties():
    # Equal shares buys nothing (each voter holds 5 of the 10); the completion breaks a-b.
    outcome = mes_cost_completed(ballot_profile(election({"a": 6, "b": 6}, ["a", "b"])))
    assert outcome.selected == ("a",)
    assert outcome.ties[0].projects == ("a", "b")


def test_phragmen_records_a_tied_round_whose_loser_is_never_funded():
    # a and b would both load their one supporter to 4; a is bought and b no longer fits.
    outcome = phragmen(ballot_profile(election({"a": 4, "b": 4}, ["a", "b"], budget=5)))
    assert outcome.selected == ("a",)
    assert outcome.ties == (Tie(("a", "b"), Fraction(4), LOAD, (SMALLER_ID,), ("a",)),)


def test_phragmen_records_no_tie_when_both_tied_projects_are_funded():
    outcome = phragmen(ballot_profile(election({"a": 4, "b": 4}, ["a", "b"], budget=8)))
    assert outcome.selected == ("a", "b")
    assert outcome.ties == ()


def test_the_json_export_says_which_tie_was_broken_and_how():
    report = outcome_as_json(count_election(election(TIED, TIED_BALLOTS), "greedy-cost"))
    assert report["ties"] == [
        {
            "projects": ["a", "b"],
            "support": "2",
            "measure": "votes",
            "broken_by": ["smaller-id"],
            "funded": ["a"],
            "sentence": "tie at 2 votes between a and b, broken by smaller project id first: "
            "a funded",
        }
    ]


def test_cheaper_first_orders_by_cost_then_id():
    members = [("b", Fraction(6)), ("a", Fraction(6)), ("c", Fraction(1))]
    assert sorted(members, key=lambda m: CHEAPER_FIRST.key(*m)) == [members[2], *members[1::-1]]
    assert CHEAPER_FIRST.deciding_steps(members) == (LOWER_COST, SMALLER_ID)


@st.composite
def city_elections(draw) -> tuple[Election, Election]:
    """The same approval election in Warsaw (cheaper first) and elsewhere (smaller id first)."""
    count = draw(st.integers(2, 6))
    ids = [str(i) for i in range(count)]
    costs = draw(st.lists(st.integers(1, 12), min_size=count, max_size=count))
    ballots = draw(st.lists(st.sets(st.sampled_from(ids), min_size=1), min_size=1, max_size=5))
    budget = draw(st.integers(1, 30))
    projects = tuple(Project(pid, Fraction(c)) for pid, c in zip(ids, costs, strict=True))
    votes = tuple(Vote(str(i), tuple(sorted(b))) for i, b in enumerate(ballots))
    meta = {"budget": str(budget), "vote_type": "approval", "rule": "greedy"}
    return (
        Election(meta={**meta, "unit": "Warszawa"}, projects=projects, votes=votes),
        Election(meta={**meta, "unit": "Elsewhere"}, projects=projects, votes=votes),
    )


@settings(max_examples=150, deadline=None)
@given(city_elections())
def test_two_tie_breaks_fund_the_same_projects_unless_a_tie_is_recorded(pair):
    warsaw, elsewhere = (official_outcome(e) for e in pair)
    if not warsaw.ties and not elsewhere.ties:
        assert set(warsaw.selected) == set(elsewhere.selected)
    if set(warsaw.selected) != set(elsewhere.selected):
        assert warsaw.ties and elsewhere.ties
