from coopcouncil.people import policy


def test_the_register_match_limit_set_in_the_environment_applies(monkeypatch):
    monkeypatch.setenv("COOPCOUNCIL_REGISTER_MATCH_ATTEMPTS", "3")
    monkeypatch.setenv("COOPCOUNCIL_REGISTER_MATCH_WINDOW_HOURS", "48")

    assert (policy.register_match_attempts(), policy.register_match_window_hours()) == (3, 48)
