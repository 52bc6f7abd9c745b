"""The permission registry: one rule per action, each registered by the app it belongs to."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured

import coopcouncil
from coopcouncil.core.errors import NotAllowed
from coopcouncil.core.permissions import (
    ALLOW,
    Decision,
    RuleRegistry,
    check,
    deny,
    registered_rules,
    require,
)

SOURCE = Path(coopcouncil.__file__).parent

# The app expected to register each action prefix, where it is not the app's own label.
PREFIX_OWNERS = {
    "pb": "participation",  # participatory budgeting's actions read "pb.*"
    "resident": "people",  # the shared residency rule, "resident.take_part"
}


def _first_rule(user, target):
    return ALLOW


def _second_rule(user, target):
    return deny("never")


def test_registering_an_action_twice_is_refused_naming_both_places():
    registry = RuleRegistry()
    registry.register("tests.twice", _first_rule)
    with pytest.raises(ImproperlyConfigured) as error:
        registry.register("tests.twice", _second_rule)
    message = str(error.value)
    assert "tests.twice" in message
    assert "_first_rule" in message and "_second_rule" in message
    assert message.count(__name__) == 2
    assert registry.check(None, "tests.twice") == ALLOW


def test_the_decorator_registers_the_rule_under_its_module():
    registry = RuleRegistry()

    @registry.rule("tests.decorated")
    def decide(user, target) -> Decision:
        return deny("decorated")

    entry = registry.registered()["tests.decorated"]
    assert entry.decide is decide
    assert entry.module == __name__
    assert registry.check(None, "tests.decorated").reason == "decorated"


def test_an_unknown_action_is_refused_with_a_reason(administrator):
    decision = check(administrator, "no.such.action")
    assert not decision
    assert decision.reason == "No rule allows 'no.such.action'."


def test_require_raises_not_allowed_with_the_rules_reason():
    with pytest.raises(NotAllowed) as error:
        require(AnonymousUser(), "people.manage_roles")
    assert error.value.code == "not_allowed"
    assert error.value.message == "Only administrators may change roles."


def test_every_rule_is_registered_by_the_app_its_name_belongs_to():
    rules = registered_rules()
    by_app: dict[str, list[str]] = {}
    for action, entry in sorted(rules.items()):
        by_app.setdefault(entry.app_label, []).append(action)
        prefix = action.split(".", 1)[0]
        expected = PREFIX_OWNERS.get(prefix, prefix)
        assert entry.app_label == expected, f"{action} is registered by {entry.module}"
        assert entry.module == f"coopcouncil.{expected}.permissions", action
    # Every app that makes decisions has its rules registered at start-up.
    assert set(by_app) == {
        "places",
        "people",
        "democracy",
        "participation",
        "budgets",
        "coproduction",
        "insight",
        "procurement",
        "grants",
        "servicerequests",
        "mutuals",
        "membership",
    }
    assert "places.edit_figures" in by_app["places"]


def _actions_used_in(path: Path) -> list[tuple[int, str]]:
    """(line, action) for each ``check``/``require`` call given a literal action name."""
    tree = ast.parse(path.read_text(), filename=str(path))
    functions: set[str] = set()  # local names bound to core.permissions.check/require
    modules: set[str] = set()  # local names bound to the core.permissions module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "coopcouncil.core.permissions":
            functions |= {a.asname or a.name for a in node.names if a.name in {"check", "require"}}
        elif isinstance(node, ast.ImportFrom) and node.module == "coopcouncil.core":
            modules |= {a.asname or a.name for a in node.names if a.name == "permissions"}
    used = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        is_permission_call = (isinstance(func, ast.Name) and func.id in functions) or (
            isinstance(func, ast.Attribute)
            and func.attr in {"check", "require"}
            and isinstance(func.value, ast.Name)
            and func.value.id in modules
        )
        if not is_permission_call:
            continue
        candidates = [node.args[1]] if len(node.args) > 1 else []
        candidates += [k.value for k in node.keywords if k.arg == "action"]
        for candidate in candidates:
            if isinstance(candidate, ast.Constant) and isinstance(candidate.value, str):
                used.append((node.lineno, candidate.value))
    return used


def test_every_action_the_code_asks_about_is_registered():
    rules = registered_rules()
    used = {
        (f"{path.relative_to(SOURCE)}:{line}", action)
        for path in SOURCE.rglob("*.py")
        for line, action in _actions_used_in(path)
    }
    # The scan must find the services' and views' calls, or it proves nothing.
    assert len(used) > 50
    assert {action for _, action in used} >= {"democracy.sign_call_in", "pb.vote"}
    unregistered = sorted((where, action) for where, action in used if action not in rules)
    assert not unregistered, f"used but never registered: {unregistered}"


def test_templates_ask_no_permission_question_of_their_own():
    """Pages decide in the view (``check``) and pass ``can_*`` flags to the template.

    So no template tag or filter reaches the registry, and template text cannot name an
    action the scan above misses. A tag that calls ``check`` would have to extend that scan
    to the templates that use it.
    """
    tag_modules = list(SOURCE.glob("*/templatetags/*.py"))
    assert tag_modules
    asking = [
        str(path.relative_to(SOURCE))
        for path in tag_modules
        if "core.permissions" in path.read_text()
    ]
    assert not asking


def test_the_staff_check_is_filled_once_by_people_and_a_second_reader_is_refused():
    from coopcouncil.core.permissions import staff_check_register
    from coopcouncil.people.permissions import staff_by_roles

    staff_check_register(staff_by_roles)  # the same reader again changes nothing
    with pytest.raises(ImproperlyConfigured):
        staff_check_register(lambda user, teams: True)
