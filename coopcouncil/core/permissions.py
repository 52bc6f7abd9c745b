"""The registry that decides who may do what; the rules themselves live with their app.

Every service asks ``require(user, action, target)`` before it writes; pages ask
``check`` to decide what to show. A rule returns a ``Decision`` that carries its
reason, so a refusal can always say why ("your residency verification expired on
…").

Each app keeps its rules in ``<app>/permissions.py`` and its ``AppConfig.ready`` imports
that module, so every rule is registered once at start-up. ``core`` sits below every app
and so knows none of their models: the facts rules read (roles, residency) are
``people.selectors``, and the shared residency rule is ``people.permissions``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext

from coopcouncil.core.errors import NotAllowed


@dataclass(frozen=True)
class Decision:
    """Whether an action is allowed, and the reason to show either way."""

    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True, "allowed")


def deny(reason: str | Promise) -> Decision:
    """A refusal with the reason the person is shown (translated when it is made)."""
    return Decision(False, str(reason))


Rule = Callable[[Any, Any], Decision]


@dataclass(frozen=True)
class RegisteredRule:
    """A rule as registered: the action it decides and the module that defines it."""

    action: str
    decide: Rule
    module: str

    @property
    def app_label(self) -> str:
        """The label of the installed app whose package holds ``module``."""
        app_config = apps.get_containing_app_config(self.module)
        return app_config.label if app_config is not None else ""


class RuleRegistry:
    """Action names mapped to the one rule that decides each."""

    def __init__(self) -> None:
        self._rules: dict[str, RegisteredRule] = {}

    def register(self, action: str, decide: Rule) -> Rule:
        """Add the rule for ``action``; a second rule for the same action is a start-up error.

        The rule is credited to the module that defines ``decide``, so each app defines
        its rules (lambdas included) in its own ``permissions.py``.
        """
        entry = RegisteredRule(action=action, decide=decide, module=decide.__module__)
        existing = self._rules.get(action)
        if existing is not None:
            raise ImproperlyConfigured(
                f"The permission '{action}' is registered twice: by {existing.module}"
                f" ({existing.decide.__qualname__}) and by {entry.module}"
                f" ({decide.__qualname__})."
            )
        self._rules[action] = entry
        return decide

    def rule(self, action: str) -> Callable[[Rule], Rule]:
        """Decorator form of ``register``."""

        def add(decide: Rule) -> Rule:
            return self.register(action, decide)

        return add

    def registered(self) -> dict[str, RegisteredRule]:
        return dict(self._rules)

    def check(self, user: Any, action: str, target: Any = None) -> Decision:
        entry = self._rules.get(action)
        if entry is None:
            return deny(gettext("No rule allows '%(action)s'.") % {"action": action})
        return entry.decide(user, target)


_registry = RuleRegistry()


# Whether someone is an administrator or an officer of one of the teams. People owns roles,
# but places sits below people and still has staff-only rules, so people fills this slot at
# start-up (PeopleConfig.ready) and those rules ask core; until then nobody counts as staff.
StaffCheck = Callable[[Any, tuple[str, ...]], bool]
_staff_check: list[StaffCheck] = []


def staff_check_register(check: StaffCheck) -> None:
    """Set how a staff rule reads roles; a second, different reader is refused."""
    if _staff_check and _staff_check[0] is not check:
        raise ImproperlyConfigured("The staff check is already registered.")
    _staff_check[:] = [check]


def is_staff(user: Any, *teams: str) -> bool:
    """An administrator, or an officer of one of ``teams``, as the registered check says."""
    return bool(_staff_check) and _staff_check[0](user, teams)


def register(action: str, decide: Rule) -> Rule:
    """Register the function that decides ``action`` (see ``RuleRegistry.register``)."""
    return _registry.register(action, decide)


def rule(action: str) -> Callable[[Rule], Rule]:
    """Register the decorated function as the one that decides ``action``."""
    return _registry.rule(action)


def registered_rules() -> dict[str, RegisteredRule]:
    """Every registered action with the module (and so the app) that registered it."""
    return _registry.registered()


def check(user: Any, action: str, target: Any = None) -> Decision:
    """Decide ``action`` for ``user`` on ``target``; unknown actions are refused."""
    return _registry.check(user, action, target)


def require(user: Any, action: str, target: Any = None) -> None:
    """Raise ``NotAllowed`` with the rule's reason unless ``action`` is allowed."""
    decision = check(user, action, target)
    if not decision.allowed:
        raise NotAllowed("not_allowed", decision.reason)
