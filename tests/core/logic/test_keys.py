"""API keys, Open311's and the accounts': random, kept only as a hash, compared in constant time."""

from coopcouncil.core.logic.keys import key_generate, key_hash, key_matches, key_shown


def test_a_key_is_random_and_only_its_hash_and_first_characters_are_kept():
    key = key_generate("cck_")
    assert key.startswith("cck_") and key != key_generate("cck_")
    assert key_hash(key) != key and len(key_hash(key)) == 64
    assert key.startswith(key_shown(key)) and len(key_shown(key)) < len(key) / 3


def test_a_key_matches_its_own_hash_only():
    key = key_generate("o311_")
    assert key_matches(key, key_hash(key))
    assert key_matches(f" {key}\n", key_hash(key))
    assert not key_matches(key_generate("o311_"), key_hash(key))
