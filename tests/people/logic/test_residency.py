from coopcouncil.people.logic.residency import (
    CODE_ALPHABET,
    code_digest,
    codes_match,
    new_one_time_code,
    normalise_postcode,
    register_digest,
)


def test_postcodes_are_normalised_before_hashing():
    assert normalise_postcode("ol11aa") == "OL1 1AA"
    assert register_digest("k", "AB 123", "ol1 1aa") == register_digest("k", "ab123", "OL11AA")


def test_register_digest_depends_on_the_key():
    assert register_digest("k1", "AB123", "OL1 1AA") != register_digest("k2", "AB123", "OL1 1AA")


def test_codes_avoid_confusable_characters_and_match_as_typed():
    code = new_one_time_code()
    assert len(code) == 8 and set(code) <= set(CODE_ALPHABET)
    typed = f"{code[:4].lower()}-{code[4:]}"
    assert codes_match("k", typed, code_digest("k", code))
    assert not codes_match("k", "AAAA-AAAA", code_digest("k", code))
